// Right after proposeSpec: a project with its own lock (uv.lock, pylock.toml, poetry.lock, Pipfile.lock) is
// containerized from it (issue 24). Both front ends get it through proposeSpec, so CLI and editor agree.
import * as path from 'path';
import { ProjectAnalysis, ProjectSpec } from '../../core/project';
import { specFromLock } from '../../core/locks/fromLock';
import { readProjectLock } from '../projectLock';
import { BaseAnswer } from '../basePins';

/** What the proposal carries that the lock changes (propose.ts's Proposal; not imported, to keep no circle). */
interface LockInput {
  spec: ProjectSpec;
  base: BaseAnswer;
  notes: { level: 'note' | 'warning'; message: string; file?: string }[];
}

/** How the image installs the lock, said in the header and a note (uv is written only when the base has it). */
export function lockInstaller(file: string, base: BaseAnswer): string {
  if (file !== 'uv.lock') return 'pip (exact pins)';
  const hasUv = base.facts?.distributions.some((d) => d.name.toLowerCase() === 'uv');
  // Even with uv in the base, `uv sync --locked` is not written yet: pip installs the same exact pins.
  return hasUv ? 'pip (exact pins; uv sync is not written yet)' : 'pip: uv is not in the base image';
}

/**
 * The proposal with requirements.txt from the project's lock, and notes saying so and naming the imports the lock
 * lacks (not installed). Unchanged without a lock; a lock that cannot be read is a warning and the scan's pins stay.
 */
export function withProjectLock<P extends LockInput>(dir: string, analysis: ProjectAnalysis, proposal: P): P {
  const read = readProjectLock(dir);
  if (!read) return proposal;
  const file = path.basename(read.file);
  if ('error' in read)
    return {
      ...proposal,
      notes: [...proposal.notes, { level: 'warning', message: `${read.error}; pins from the scan instead`, file }],
    };
  const installer = lockInstaller(file, proposal.base);
  const imported = analysis.requirements.map((r) => r.name);
  const done = specFromLock(proposal.spec, imported, { file, packages: read.packages, installer });
  // The scan's own pin notes are about pins that are no longer written.
  const notes: LockInput['notes'] = proposal.notes.filter((n) => n.file !== 'requirements.txt');
  notes.push({
    level: 'note',
    message: `installed from ${file} with ${installer} (${read.packages.length} exact pins)`,
    file: 'requirements.txt',
  });
  if (done.missing.length)
    notes.push({
      level: 'note',
      message: `imported, not in ${file} (not installed): ${done.missing.join(', ')}`,
      file,
    });
  if (done.tools.length)
    notes.push({
      level: 'note',
      message: `not in ${file}, installed to run the image: ${done.tools.join(', ')}`,
      file: 'requirements.txt',
    });
  return { ...proposal, spec: done.spec, notes };
}
