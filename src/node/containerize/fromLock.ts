// Right after proposeSpec: a project with its own lock (uv.lock, pylock.toml, poetry.lock, Pipfile.lock,
// conda-lock.yml) is containerized from it (issue 24), unless its own requirements.txt wins (core/locks/precedence).
// Both front ends get it through proposeSpec, so CLI and editor agree.
import * as fs from 'fs';
import * as path from 'path';
import { ProjectAnalysis, ProjectSpec } from '../../core/project';
import { specFromLock } from '../../core/locks/fromLock';
import { SpecLock } from '../../core/locks/types';
import { isCudaImage } from '../../core/generate';
import { readProjectLock, requirementsWin } from '../projectLock';
import { BaseAnswer } from '../basePins';

/** What the proposal carries that the lock changes (propose.ts's Proposal; not imported, to keep no circle). */
interface LockInput {
  spec: ProjectSpec;
  base: BaseAnswer;
  baseRef?: string;
  notes: { level: 'note' | 'warning'; message: string; file?: string }[];
}

/** The base has uv: a Python distribution of it, or one of astral's own uv images (uv is a bare binary there). */
export function baseHasUv(base: BaseAnswer, baseRef = ''): boolean {
  return (
    /^ghcr\.io\/astral-sh\/uv:/.test(baseRef) || !!base.facts?.distributions.some((d) => d.name.toLowerCase() === 'uv')
  );
}

/**
 * How the image installs the lock, said in requirements.txt's header and a note. `uv sync --locked` is written
 * for uv.lock + pyproject.toml on a base with uv, when the lock has everything the image runs (no runtime tool
 * beside it: uv sync installs only the lock) and nothing needs the base's own environment (Jupyter's kernel is the
 * base's Python; CUDA images have their own /opt/venv). Otherwise pip installs the same exact pins.
 */
export function lockInstaller(
  file: string,
  o: { hasUv: boolean; pyproject: boolean; tools: string[]; spec: ProjectSpec },
): Pick<SpecLock, 'installer' | 'sync'> {
  if (file !== 'uv.lock') return { installer: 'pip (exact pins)' };
  if (!o.hasUv) return { installer: 'pip: uv is not in the base image' };
  const why = !o.pyproject
    ? 'uv sync needs pyproject.toml'
    : o.tools.length
      ? `uv sync installs only uv.lock, and the image also needs ${o.tools.join(', ')}`
      : o.spec.mode === 'jupyter'
        ? "uv sync's environment is not the Jupyter kernel's"
        : isCudaImage(o.spec.baseImage ?? '')
          ? 'a CUDA image keeps its own environment'
          : undefined;
  if (why) return { installer: `pip (exact pins): ${why}` };
  return { installer: 'uv sync --locked (the Dockerfile installs uv.lock; this file lists its pins)', sync: 'uv' };
}

/**
 * The proposal with requirements.txt from the project's lock, and notes saying so and naming the imports the lock
 * lacks (not installed). Unchanged without a lock; a lock that cannot be read is a warning and the scan's pins stay;
 * beside the user's own requirements.txt, unchanged but for one note (that file is what the image installs).
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
  if (requirementsWin(dir, read.file)) {
    const message =
      `requirements.txt is yours, so the image installs it, not ${file} ` +
      `(to install ${file}, move requirements.txt away and scaffold again)`;
    return { ...proposal, notes: [...proposal.notes, { level: 'note', message, file }] };
  }
  const imported = analysis.requirements.map((r) => r.name);
  const done = specFromLock(proposal.spec, imported, { file, packages: read.packages, installer: '' });
  const how = lockInstaller(file, {
    hasUv: baseHasUv(proposal.base, proposal.baseRef),
    pyproject: fs.existsSync(path.join(dir, 'pyproject.toml')),
    tools: done.tools,
    spec: proposal.spec,
  });
  const spec = { ...done.spec, lock: { file, packages: read.packages, ...how } };
  // The scan's own pin notes are about pins that are no longer written.
  const notes: LockInput['notes'] = proposal.notes.filter((n) => n.file !== 'requirements.txt');
  notes.push({
    level: 'note',
    message: `installed from ${file} with ${how.installer} (${read.packages.length} exact pins)`,
    file: 'requirements.txt',
  });
  if (read.condaOnly.length)
    notes.push({
      level: 'note',
      message: `not installed, conda packages pip cannot install (no conda in the image): ${read.condaOnly.join(', ')}`,
      file,
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
  return { ...proposal, spec, notes };
}
