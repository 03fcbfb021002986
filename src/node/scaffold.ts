import { promises as fs } from 'fs';
import * as path from 'path';
import { ProjectAnalysis, ProjectSpec } from '../core/project';
import {
  generateAll,
  runtimeTools,
  baseImageOf,
  generateDevcontainer,
  devcontainerFile,
  composeDevServiceOf,
} from '../core/generate';
import { mergeRequirements } from '../core/requirements/merge';
import { keysWithIncludes } from '../core/requirements/includes';
import { normalizeName } from '../core/requirements/names';
import { rewriteRequirements } from '../core/requirements/rewrite';
import { COMPOSE_FILE_NAMES, SCAFFOLD_FILES } from '../core/projectFiles';
import { safeWrite } from './files';
import { DataOut, dataOutReport } from '../core/generate/data';
import { mergeTorchIndex } from '../core/generate/torchIndexMerge';
import { TORCH_CPU_INDEX } from '../core/generate/lean';
import { projectDataOut } from './dataFiles';
import { appendInEncoding, readTextFile, readTextOrNothing, rewriteInEncoding, TextFile } from './textFile';

/** Compose file names in the order `docker compose` looks for them: a user's existing one is THE compose file. */

export type ScaffoldOutcome =
  /** created; replaced with consent; requirements merged; identical already */
  | 'written'
  | 'overwritten'
  | 'merged'
  | 'unchanged'
  /** exists and differs, replacing it was not consented to */
  | 'kept'
  /** requirements.txt has errors that a merge would hide or worsen: left untouched */
  | 'not-merged'
  /** dry run: would be written */
  | 'proposed';

export interface ScaffoldFile {
  /** The file name in the project (the user's compose file name when one exists). */
  name: string;
  /** Its current text, when it exists. */
  before?: string;
  proposed: string;
  outcome: ScaffoldOutcome;
}

export interface ScaffoldResult {
  files: ScaffoldFile[];
  /** Requirements appended to an existing requirements.txt, and those nothing imports (kept). */
  added: string[];
  unused: string[];
  /** Lines of requirements.txt rewritten as the preview asked (`old → new`). */
  replaced?: string[];
  /** What stays out of the image (data folders, files above the threshold), as the .dockerignore says. */
  dataOut?: DataOut;
  /** Why requirements.txt was not merged (file relative to the project, 1-based line). */
  problem?: { file: string; line: number; message: string };
  /** Changes asked for that could not be made (shown as warnings). */
  warnings?: string[];
  /** PyTorch's CPU wheel index appended to an existing requirements.txt, or ours taken out (`--gpu`). */
  torchIndex?: 'added' | 'removed';
  /** Lines of the user's that contradict a choice (their CPU index line with `--gpu`): kept, named. */
  lineWarnings?: { file: string; line: number; message: string }[];
}

export interface ScaffoldOptions {
  /** Asked for an existing file (not requirements.txt, which is merged) that differs from the proposal. */
  consent(name: string, before: string, proposed: string): Promise<boolean> | boolean;
  dryRun?: boolean;
  /** Also write .devcontainer/devcontainer.json; `name` is what Dev Containers shows (the folder's name). */
  devcontainer?: { name: string };
  /** Requirements the user changed in a preview: their lines in requirements.txt are rewritten to match. */
  replaceRequirements?: readonly string[];
  /** Placeholder names in the user's requirements.txt to replace by the real ones (sklearn → scikit-learn). */
  renameRequirements?: Record<string, string>;
}

/** A file could not be read or written; the message names it. Nothing is written when reading fails. */
export class ScaffoldFileError extends Error {
  constructor(
    readonly verb: 'read' | 'write',
    readonly file: string,
    readonly why: string,
  ) {
    super(`cannot ${verb} ${file}: ${why}`);
  }
}

/**
 * Writes the generated files into `root` without losing anything of the user's: a missing file is
 * created, requirements.txt is merged (in its own encoding and line endings; files it includes with
 * `-r` count as declared), any other existing file is replaced only when `consent` says so.
 */
export async function scaffoldProject(
  root: string,
  spec: ProjectSpec,
  analysis: ProjectAnalysis,
  o: ScaffoldOptions,
): Promise<ScaffoldResult> {
  // The data is measured here (not in the pure generator) unless the caller did, with its threshold and keeps.
  if (!spec.dataOut) {
    const measured = await projectDataOut(root);
    if (measured.folders.length || measured.files.length) spec = { ...spec, dataOut: measured };
  }
  const generated: Record<string, string> = generateAll(spec);
  const composeName = (await firstExisting(root, COMPOSE_FILE_NAMES)) ?? 'compose.yaml';
  const names = Object.keys(generated).map((key) => ({ key, name: key === 'compose.yaml' ? composeName : key }));
  if (o.devcontainer) {
    generated[devcontainerFile] = await devcontainerText(root, spec, composeName, o.devcontainer.name);
    names.push({ key: devcontainerFile, name: devcontainerFile });
  }
  // Read every existing file first, so that an unreadable one stops us before anything is written.
  const existing = new Map<string, TextFile | undefined>();
  for (const { name } of names)
    existing.set(
      name,
      await readTextFile(path.join(root, name)).catch((e: NodeJS.ErrnoException) => {
        throw new ScaffoldFileError('read', name, e.code ?? e.message);
      }),
    );
  const result: ScaffoldResult = { files: [], added: [], unused: [] };
  if (spec.dataOut && (spec.dataOut.folders.length || spec.dataOut.files.length)) result.dataOut = spec.dataOut;
  for (const { key, name } of names) {
    const before = existing.get(name);
    let proposed: string | Buffer = generated[key];
    let proposedText = generated[key];
    if (key === 'requirements.txt' && before) {
      const renamed = renamedIn(before, o.renameRequirements, result);
      const merged = await mergeInto(root, renamed, spec, analysis, result, o.replaceRequirements);
      if (!merged) {
        result.files.push({ name, before: before.text, proposed: before.text, outcome: 'not-merged' });
        continue;
      }
      [proposed, proposedText] = merged;
    }
    const file: ScaffoldFile = { name, before: before?.text, proposed: proposedText, outcome: 'proposed' };
    result.files.push(file);
    if (before && before.text === proposedText) {
      file.outcome = 'unchanged';
      continue;
    }
    if (o.dryRun) continue;
    // requirements.txt is merged (nothing of the user's is lost), so it needs no consent.
    const mayWrite = !before || key === 'requirements.txt' || (await o.consent(name, before.text, proposedText));
    if (!mayWrite) {
      file.outcome = 'kept';
      continue;
    }
    if (!before) await fs.mkdir(path.dirname(path.join(root, name)), { recursive: true });
    const outcome = await safeWrite(path.join(root, name), proposed, { overwrite: !!before }).catch(
      (e: NodeJS.ErrnoException) => {
        throw new ScaffoldFileError('write', name, e.code ?? e.message);
      },
    );
    file.outcome =
      outcome === 'created'
        ? 'written'
        : outcome === 'exists'
          ? 'kept'
          : outcome === 'unchanged'
            ? 'unchanged'
            : key === 'requirements.txt'
              ? 'merged'
              : 'overwritten';
  }
  return result;
}

/**
 * devcontainer.json: built from the Dockerfile, or, when the user's compose file runs other services beside the
 * project's (a database…), that compose file's service, so that Dev Containers starts them all.
 */
async function devcontainerText(root: string, spec: ProjectSpec, composeName: string, name: string): Promise<string> {
  const compose = await readTextFile(path.join(root, composeName)).catch(() => undefined);
  const service = compose ? composeDevServiceOf(compose.text) : undefined;
  return generateDevcontainer(spec, { name, compose: service ? { file: composeName, service } : undefined });
}

/** The user's requirements.txt with the consented renames, in its own encoding (a file that cannot keep it is left). */
function renamedIn(before: TextFile, rename: Record<string, string> | undefined, result: ScaffoldResult): TextFile {
  if (!rename || !Object.keys(rename).length) return before;
  const text = rewriteRequirements(before.text, { rename });
  const bytes = text === before.text ? undefined : rewriteInEncoding(before, text);
  if (text !== before.text && !bytes) {
    result.warnings = [...(result.warnings ?? []), 'cannot rename its lines without changing its encoding'];
    return before;
  }
  return bytes ? { ...before, bytes, text } : before;
}

/** The merged requirements (bytes in the file's encoding, and text), or undefined when the file has errors. */
async function mergeInto(
  root: string,
  before: TextFile,
  spec: ProjectSpec,
  analysis: ProjectAnalysis,
  result: ScaffoldResult,
  replace: readonly string[] = [],
): Promise<[Buffer, string] | undefined> {
  const declaredOnly = declaredOnlyHere(analysis);
  const wanted = spec.requirements.filter((r) => !declaredOnly.has(normalizeName(r.name)));
  const merged = mergeRequirements(before.text, wanted, {
    replace,
    tools: runtimeTools(spec.mode, spec.framework, baseImageOf(spec), spec.baseImageFacts),
    // Names declared by the files requirements.txt includes with `-r` (recursively, inside the project).
    declaredElsewhere: await keysWithIncludes(
      'requirements.txt',
      (f) => (f === 'requirements.txt' ? Promise.resolve(before.text) : readTextOrNothing(path.join(root, f))),
      false,
    ),
  });
  // pip rejects a file with a bad line anyway, and appending after a dangling `\` would join our lines to it.
  const bad = merged.errors[0];
  if (bad) {
    result.problem = { file: 'requirements.txt', line: bad.line + 1, message: bad.message };
    return undefined;
  }
  result.added = merged.added;
  result.unused = merged.unused;
  result.replaced = merged.replaced;
  // The fresh file gets the CPU index from generateAll; a merged one gets it here (or loses ours with --gpu).
  const torch = mergeTorchIndex(merged.text, spec);
  if (torch.change) result.torchIndex = torch.change;
  if (torch.contradicted !== undefined)
    result.lineWarnings = [
      ...(result.lineWarnings ?? []),
      {
        file: 'requirements.txt',
        line: torch.contradicted + 1,
        message: "this line asks for PyTorch's CPU wheels, but --gpu asks for the CUDA build (kept: it is yours)",
      },
    ];
  if (!merged.changed && !torch.change) return [before.bytes, before.text];
  const text = torch.text;
  const bytes = appendInEncoding(before, text) ?? rewriteInEncoding(before, text);
  if (!bytes) {
    result.problem = {
      file: 'requirements.txt',
      line: 1,
      message: 'cannot add to this file without changing its encoding',
    };
    return undefined;
  }
  return [bytes, text];
}

/** Requirements found only in requirements.txt itself, imported by nothing: the merge reports them as unused. */
function declaredOnlyHere(analysis: ProjectAnalysis): Set<string> {
  return new Set(
    analysis.requirements
      .filter(
        (r) =>
          r.sites.length === 0 &&
          (r.declaredIn ?? []).length > 0 &&
          r.declaredIn!.every((d) => d === 'requirements.txt'),
      )
      .map((r) => normalizeName(r.name)),
  );
}

async function firstExisting(root: string, names: readonly string[]): Promise<string | undefined> {
  for (const n of names)
    if (
      await fs.stat(path.join(root, n)).then(
        () => true,
        () => false,
      )
    )
      return n;
  return undefined;
}

/** The files scaffold writes, compose by its default name. */

/** The scaffold files that do not exist yet in `root` (a compose file under any of its names counts). */
export async function missingScaffoldFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of SCAFFOLD_FILES) {
    if (!(await firstExisting(root, name === 'compose.yaml' ? COMPOSE_FILE_NAMES : [name]))) out.push(name);
  }
  return out;
}

/** The lines both the CLI and the editor show about a scaffold: `info` for the log, `warnings` deserve attention. */
export function scaffoldReport(
  r: ScaffoldResult,
  where: (file: string, line?: number) => string = (f, l) => (l ? `${f}:${l}` : f),
  consentNote = '',
  replacedNote = ' (as edited in the preview)',
): { info: string[]; warnings: string[] } {
  const info: string[] = [];
  const warnings: string[] = [];
  if (r.problem)
    warnings.push(
      `${where(r.problem.file, r.problem.line)}: error: ${r.problem.message}; ` +
        'requirements.txt was not merged and is left as it is (fix it, then run again)',
    );
  for (const w of r.warnings ?? []) warnings.push(`${where('requirements.txt')}: warning: ${w}`);
  for (const w of r.lineWarnings ?? []) warnings.push(`${where(w.file, w.line)}: warning: ${w.message}`);
  if (r.added.length) info.push(`requirements.txt: adding ${r.added.join(', ')}`);
  if (r.torchIndex === 'added')
    info.push(
      `requirements.txt: PyTorch from its CPU wheel index (--extra-index-url ${TORCH_CPU_INDEX}; no GPU use found)`,
    );
  else if (r.torchIndex === 'removed')
    info.push('requirements.txt: removed the CPU wheel index of PyTorch (--gpu: the CUDA build)');
  for (const line of r.replaced ?? []) info.push(`requirements.txt: ${line}${replacedNote}`);
  if (r.unused.length)
    info.push(
      `requirements.txt: nothing imports ${r.unused.join(', ')} (kept; remove them yourself if they are not needed)`,
    );
  for (const f of r.files) {
    if (f.outcome === 'written') info.push(`${f.name}: written`);
    else if (f.outcome === 'merged') info.push(`${f.name}: merged`);
    else if (f.outcome === 'overwritten') info.push(`${f.name}: overwritten${consentNote}`);
    else if (f.outcome === 'unchanged') info.push(`${f.name}: unchanged`);
    else if (f.outcome === 'kept') info.push(`${f.name}: kept (yours differs from the proposal)`);
  }
  info.push(...dataOutReport(r.dataOut));
  return { info, warnings };
}
