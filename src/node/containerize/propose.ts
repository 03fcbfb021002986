// The first half of Containerize, shared by the CLI (`scaffold`, `up`) and the editor: from an analysis and the
// user's choices to the proposed spec, with the base image asked what it has and every note in one list. Both
// front ends call this, so they cannot drift apart on what they propose (issue 21).
import { promises as fs } from 'fs';
import * as path from 'path';
import { ProjectAnalysis, ProjectMode, ProjectSpec } from '../../core/project';
import { defaultBaseImage, SpecError, specFromAnalysis } from '../../core/generate';
import { choicesFromDockerfile, ExistingChoices } from '../../core/generate/existing';
import { PinSource } from '../../core/environment/pins';
import { normalizeName } from '../../core/requirements/names';
import { isExcluded } from '../../core/requirements/exclude';
import { parseRequirements } from '../../core/requirements/parse';
import { Engine } from '../docker/engine';
import { withProjectLock } from './fromLock';
import { askBaseImage, BaseAnswer, baseImageFacts, pinSpec } from '../basePins';
import { pythonMismatches } from '../pythonAsks';
import { gitNote } from '../../core/generate/gitNeeds';
import { tagProblem } from '../../core/docker/tag';
import { readComposeLaunch } from './composeArgs';

/** What the user chose (CLI flags, the editor's options); absent means "what the project suggests". */
export interface SpecChoices {
  mode?: ProjectMode | 'auto';
  baseImage?: string;
  pythonVersion?: string;
  gpu?: boolean;
  entry?: string;
  /** Distributions never to write (flag or setting), with the analysis' own `# dsc: exclude`. */
  exclude?: string[];
  /** Where the pins come from (default: the interpreter the project was scanned with). */
  pins?: PinSource;
  /** Start from the base image, mode and entry the project's Dockerfile already has (default: yes). */
  fromDockerfile?: boolean;
  /** The entry's arguments (default: the current Dockerfile's, else the compose file's, else the analysis'). */
  args?: string[];
  /** The image tag builds use (default: the current Dockerfile's `# Build:` comment's, else the folder's). */
  tag?: string;
}

/** One thing to tell the user, with the file it is about (relative to the project). */
export interface WorkflowNote {
  level: 'note' | 'warning';
  message: string;
  file?: string;
}

/** What each front end supplies: the engine to ask, and how it lets the user choose an entry. */
export interface ProposePorts {
  /** The engine the base image is asked through; absent: judged by its name. */
  engine?: Engine;
  env?: NodeJS.ProcessEnv;
  /**
   * Nothing runnable was found: the user picks JupyterLab or a file (the editor asks; the CLI has no one to ask
   * and leaves it out, so the SpecError reaches the user with its flag hint). Undefined from the port: cancelled.
   */
  chooseEntry?(noCode: boolean): Promise<{ mode?: ProjectMode; entry?: string } | undefined>;
}

export interface Proposal {
  spec: ProjectSpec;
  /** What the base image answered, and the reference asked. */
  base: BaseAnswer;
  baseRef: string;
  /** The current Dockerfile's choices (empty when there is none). */
  existing: ExistingChoices;
  notes: WorkflowNote[];
  /** Where the proposed arguments come from ("compose.yaml:6 (service app) runs `python train.py …`"). */
  argsFrom?: string;
}

/** The user cancelled a question a port asked. */
export class ProposalCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * The spec Containerize proposes for `dir`: the user's choices over the current Dockerfile's over the scan's;
 * Jupyter and the pins from asking the base image; notes for pins, unpinned packages and an unasked image.
 * Throws SpecError (plain words, `choose` says what to change) or ProposalCancelled.
 */
export async function proposeSpec(
  dir: string,
  analysis: ProjectAnalysis,
  choices: SpecChoices,
  ports: ProposePorts = {},
): Promise<Proposal> {
  const existing = choices.fromDockerfile === false ? {} : await existingChoices(dir);
  const start = {
    baseImage: choices.baseImage ?? existing.baseImage,
    mode: choices.mode && choices.mode !== 'auto' ? choices.mode : existing.mode,
    entry: choices.entry ?? (existing.mode === 'script' && !choices.mode ? existing.entry : undefined),
  };
  // Before asking for an entry: the compose file's command may name the one the project runs.
  const launch = await launchArgs(dir, analysis, choices, existing, start);
  const noEntry = analysis.mode === 'script' && !analysis.entry && !start.entry && !start.mode;
  if (noEntry && ports.chooseEntry) {
    const picked = await ports.chooseEntry(analysis.localModules.length + analysis.notebooks.length === 0);
    if (!picked) throw new ProposalCancelled();
    Object.assign(start, picked);
  }
  const pins = choices.pins ?? 'interpreter';
  const baseRef = start.baseImage?.trim() || defaultBaseImage(choices.pythonVersion ?? analysis.pythonVersion);
  // Asked once per image id (cached): what it has is not added again, and pins can come from it.
  const base = await askBaseImage(ports.engine, baseRef, { env: ports.env });
  if (pins === 'image' && !base.facts?.python)
    throw new SpecError(`pins from the image: ${base.problem ?? `cannot ask ${baseRef}`}`);
  const options = {
    baseImageFacts: baseImageFacts(base),
    pythonVersion: choices.pythonVersion,
    gpu: choices.gpu || undefined,
    versionSource: versionSource(analysis),
    exclude: choices.exclude,
  };
  let spec: ProjectSpec;
  try {
    spec = specFromAnalysis(analysis, {
      ...options,
      ...start,
      entry: start.entry?.replace(/\\/g, '/'),
      args: launch.args,
    });
  } catch (e) {
    // The Dockerfile's own choices may no longer fit (its entry is gone): start from the scan instead.
    const fromFile = !choices.mode && !choices.entry && (existing.mode || existing.entry);
    if (!(e instanceof SpecError) || !fromFile) throw e;
    spec = specFromAnalysis(analysis, { ...options, baseImage: start.baseImage, args: choices.args });
  }
  const tag = choices.tag ?? existing.tag;
  if (tag !== undefined) {
    const problem = tagProblem(tag);
    if (problem) throw new SpecError(`image tag ${problem}`);
    spec.tag = tag;
  }
  const pinned = pinSpec(spec, analysis, pins, base, baseRef);
  const notes: WorkflowNote[] = pinned.notes.map((n) => ({
    level: n.level === 'warning' ? 'warning' : 'note',
    message: n.message,
    file: 'requirements.txt',
  }));
  notes.push(...launch.notes);
  for (const c of await pythonMismatches(dir, baseRef, base.facts?.python?.version))
    notes.push({ level: 'warning', message: c.message, file: c.line ? `${c.file}:${c.line}` : c.file });
  if (!base.facts && pinned.spec.mode === 'jupyter')
    notes.push({ level: 'note', message: `${base.problem}: whether it has Jupyter is judged by its name` });
  if (pins !== 'none') {
    const unpinned = unpinnedNames(pinned.spec, analysis);
    if (unpinned.length)
      notes.push({
        level: 'warning',
        message: `no installed version found, left unpinned: ${unpinned.join(', ')}`,
        file: 'requirements.txt',
      });
  }
  const git = gitNote({
    vcs: !!pinned.spec.pipInputs?.vcs,
    baseImage: baseRef,
    dockerfile: await fs.readFile(path.join(dir, 'Dockerfile'), 'utf8').catch(() => undefined),
  });
  if (git) notes.push({ level: 'warning', message: git, file: 'requirements.txt' });
  for (const name of await stillListed(dir, [...(analysis.excluded ?? []), ...(choices.exclude ?? [])]))
    notes.push({
      level: 'warning',
      message: `${name} is excluded but still listed; delete its line (it will not be added back)`,
      file: 'requirements.txt',
    });
  const argsFrom =
    launch.from ??
    (!choices.args && pinned.spec.args?.length && pinned.spec.entry === analysis.entry ? analysis.entryWhy : undefined);
  const proposal = { spec: pinned.spec, base, baseRef, existing, notes, ...(argsFrom ? { argsFrom } : {}) };
  // The project's own lock, when it has one, gives the pins (unless the user asked for none).
  return pins === 'none' ? proposal : withProjectLock(dir, analysis, proposal);
}

/**
 * The entry's arguments when something other than the analysis gives them: the user's, the current
 * Dockerfile's CMD (what the last preview wrote), the compose file's `command:` (how the project runs itself;
 * its entry is taken too when nothing chose one). Undefined: the analysis' documented launch decides.
 */
async function launchArgs(
  dir: string,
  analysis: ProjectAnalysis,
  choices: SpecChoices,
  existing: ExistingChoices,
  start: { mode?: ProjectMode; entry?: string },
): Promise<{ args?: string[]; from?: string; notes: WorkflowNote[] }> {
  if (choices.args) return { args: [...choices.args], notes: [] };
  if ((start.mode ?? analysis.mode) !== 'script') return { notes: [] };
  const entry = () => start.entry ?? analysis.entry;
  if (existing.args && existing.entry && entry() === existing.entry)
    return { args: [...existing.args], from: `the current Dockerfile's CMD`, notes: [] };
  const { launch, problem } = await readComposeLaunch(dir);
  if (problem)
    return {
      notes: [{ level: 'warning', message: `${problem.message}: its command is not used`, file: problem.file }],
    };
  if (!launch) return { notes: [] };
  const file = launch.from.split(' ')[0];
  if (!start.entry && launch.entry !== analysis.entry && (await isFile(path.join(dir, launch.entry))))
    start.entry = launch.entry;
  if (entry() !== launch.entry) return { notes: [] };
  if (launch.missing?.length)
    return {
      notes: [
        {
          level: 'warning',
          message:
            `\`${launch.command}\` passes ${launch.missing.join(', ')}, which Compose fills in when it ` +
            `starts and the image's CMD cannot: give the arguments in the preview (or after -- with up)`,
          file,
        },
      ],
    };
  return { args: [...launch.args], from: `${launch.from} runs \`${launch.command}\``, notes: [] };
}

const isFile = (p: string) =>
  fs.stat(p).then(
    (st) => st.isFile(),
    () => false,
  );

/** Excluded names requirements.txt still lists: the merge never deletes a user's line, so they stay in it. */
async function stillListed(dir: string, excluded: string[]): Promise<string[]> {
  if (!excluded.length) return [];
  const text = await fs.readFile(path.join(dir, 'requirements.txt'), 'utf8').catch(() => undefined);
  if (text === undefined) return [];
  return parseRequirements(text)
    .lines.filter((l) => l.kind === 'requirement' && l.name && isExcluded(l.name, excluded))
    .map((l) => l.name!);
}

/** "python3 (Python 3.11.2)" for the requirements header; undefined when no interpreter answered. */
export function versionSource(analysis: ProjectAnalysis): string | undefined {
  const i = analysis.interpreter;
  if (!i || i.problem) return undefined;
  return i.version ? `${i.command} (Python ${i.version})` : i.command;
}

/** Unpinned runtime requirements the scan did not warn about at their import already (one warning each). */
function unpinnedNames(spec: ProjectSpec, analysis: ProjectAnalysis): string[] {
  const scanned = new Set(analysis.requirements.map((r) => normalizeName(r.name)));
  return spec.requirements.filter((r) => !r.version && !scanned.has(normalizeName(r.name))).map((r) => r.name);
}

async function existingChoices(dir: string): Promise<ExistingChoices> {
  const text = await fs.readFile(path.join(dir, 'Dockerfile'), 'utf8').catch(() => undefined);
  return text === undefined ? {} : choicesFromDockerfile(text);
}
