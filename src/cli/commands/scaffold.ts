import { promises as fs } from 'fs';
import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { ProjectAnalysis, ProjectMode, ProjectSpec } from '../../core/project';
import { generateAll, GeneratedFiles, runtimeTools, baseImageOf, SpecError, specFromAnalysis } from '../../core/generate';
import { mergeRequirements } from '../../core/requirements/merge';
import { normalizeName } from '../../core/requirements/names';
import { analyzeProject, AnalyzeOptions } from '../../node/analyze';
import { readIfExists, safeWrite, unifiedDiff } from '../../node/files';

type Analyze = (root: string, opts: AnalyzeOptions) => Promise<ProjectAnalysis>;
const modes = ['auto', 'script', 'jupyter', 'app'];

/** `scaffold` with the analysis injectable, so tests can also feed hand-built analyses. */
export function makeScaffoldCommand(analyze: Analyze = analyzeProject): CliCommand {
  return {
    name: 'scaffold',
    usage: 'scaffold DIR [--mode auto|script|jupyter|app] [--base-image IMAGE] [--python X.Y] [--gpu] [--entry FILE] [--force] [--dry-run]',
    summary: 'write requirements.txt, Dockerfile, compose.yaml and .dockerignore (never overwrites without --force)',
    run: (args, io) => scaffold(args, io, analyze),
  };
}

export const scaffoldCommand = makeScaffoldCommand();

async function scaffold(argv: string[], io: CliIo, analyze: Analyze): Promise<number> {
  const args = parseArgs(argv, ['gpu', 'force', 'dry-run'], ['mode', 'base-image', 'python', 'entry']);
  if (args.positional.length !== 1) throw new CliError('expected one project folder: scaffold DIR');
  const root = path.resolve(io.cwd, args.positional[0]);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new CliError(`not a folder: ${args.positional[0]}`);
  const mode = flag(args.flags, 'mode') ?? 'auto';
  if (!modes.includes(mode)) throw new CliError(`--mode must be one of ${modes.join(', ')}, not "${mode}"`);
  const entry = flag(args.flags, 'entry');
  if (entry && !(await fs.stat(path.join(root, entry)).catch(() => undefined))?.isFile()) {
    throw new CliError(`--entry ${entry}: no such file in ${args.positional[0]}`);
  }
  const dryRun = args.flags.has('dry-run');
  const force = args.flags.has('force');

  const analysis = await analyze(root, { signal: io.signal });
  for (const w of analysis.warnings) io.err(`${w.file}${w.line ? `:${w.line}` : ''}: warning: ${w.message}`);
  let spec: ProjectSpec;
  try {
    spec = specFromAnalysis(analysis, {
      mode: mode as ProjectMode | 'auto',
      baseImage: flag(args.flags, 'base-image'),
      pythonVersion: flag(args.flags, 'python'),
      gpu: args.flags.has('gpu') || undefined,
      entry: entry?.replace(/\\/g, '/'),
      versionSource: versionSource(analysis),
    });
  } catch (e) {
    if (e instanceof SpecError) throw new CliError(e.message);
    throw e;
  }
  io.out(describe(spec, flag(args.flags, 'python') ? '--python' : analysis.pythonVersionFrom));
  if (spec.hasEnvFile) io.out('.env: passed to the container by compose.yaml (env_file) and kept out of the image by .dockerignore.');
  const files = generateAll(spec);
  const kept: string[] = [];
  const names = Object.keys(files) as (keyof GeneratedFiles)[];
  // Read every existing file first, so that an unreadable one stops us before anything is written.
  const existing = new Map<string, string | undefined>();
  for (const name of names) {
    existing.set(name, await readIfExists(path.join(root, name)).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${name} in ${args.positional[0]}: ${e.code ?? e.message}`, 1);
    }));
  }
  for (const name of names) {
    const file = path.join(root, name);
    const before = existing.get(name);
    const proposed = name === 'requirements.txt' && before !== undefined
      ? mergeRequirementsReport(before, spec, declaredOnlyHere(analysis), io)
      : files[name];
    // requirements.txt is merged (nothing of the user's is lost), so it needs no --force.
    const mayWrite = before === undefined || name === 'requirements.txt' || force;
    if (dryRun) {
      printProposal(io, name, before, proposed);
      continue;
    }
    if (before !== undefined && before !== proposed && !mayWrite) {
      printProposal(io, name, before, proposed);
      kept.push(name);
      continue;
    }
    const outcome = await safeWrite(file, proposed, { overwrite: mayWrite }).catch((e: NodeJS.ErrnoException) => {
      throw new CliError(`cannot write ${name} in ${args.positional[0]}: ${e.code ?? e.message}`, 1);
    });
    if (outcome === 'exists') { printProposal(io, name, before ?? '', proposed); kept.push(name); continue; }
    io.out(`${name}: ${outcomeText(outcome, name)}`);
  }
  unpinnedWarning(spec, io);
  if (dryRun) io.out('Dry run: nothing was written.');
  else if (kept.length) io.out(`Left alone (they exist): ${kept.join(', ')}. Review the diffs above; rerun with --force to replace them.`);
  else io.out('Next: docker compose up --build   (or: docker build --build-arg UID=$(id -u) -t NAME .)');
  return 0;
}

/** "python3 (Python 3.11.2)" for the requirements header; undefined when no interpreter answered. */
function versionSource(analysis: ProjectAnalysis): string | undefined {
  const i = analysis.interpreter;
  if (!i || i.problem) return undefined;
  return i.version ? `${i.command} (Python ${i.version})` : i.command;
}

function outcomeText(outcome: string, name: string): string {
  if (outcome === 'created') return 'written';
  if (outcome === 'overwritten') return name === 'requirements.txt' ? 'merged' : 'overwritten (--force)';
  return outcome;
}

function flag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function describe(spec: ProjectSpec, pythonFrom: string | undefined): string {
  const what = spec.mode === 'app' ? `app (${spec.framework})` : spec.mode;
  const from = pythonFrom ? ` (from ${pythonFrom})` : '';
  return `Project: ${what}${spec.entry ? `, entry ${spec.entry}` : ''}, Python ${spec.pythonVersion}${from}, base image ${baseImageOf(spec)}` +
    `${spec.gpu ? ', GPU' : ''}; ${spec.requirements.length} runtime requirement(s).`;
}

/**
 * Requirements the scanner found only in requirements.txt itself, imported by nothing: they stay in
 * the file, and the merge reports them as unused.
 */
function declaredOnlyHere(analysis: ProjectAnalysis): Set<string> {
  return new Set(analysis.requirements
    .filter((r) => r.sites.length === 0 && (r.declaredIn ?? []).length > 0 && r.declaredIn!.every((d) => d === 'requirements.txt'))
    .map((r) => normalizeName(r.name)));
}

function mergeRequirementsReport(before: string, spec: ProjectSpec, declaredOnly: Set<string>, io: CliIo): string {
  const wanted = spec.requirements.filter((r) => !declaredOnly.has(normalizeName(r.name)));
  const merged = mergeRequirements(before, wanted, { tools: runtimeTools(spec.mode, spec.framework, baseImageOf(spec)) });
  for (const e of merged.errors) io.err(`requirements.txt:${e.line + 1}: warning: ${e.message} (line kept as it is)`);
  if (merged.added.length) io.out(`requirements.txt: adding ${merged.added.join(', ')}`);
  if (merged.unused.length) io.out(`requirements.txt: nothing imports ${merged.unused.join(', ')} (kept; remove them yourself if they are not needed)`);
  return merged.text;
}

function printProposal(io: CliIo, name: string, before: string | undefined, proposed: string): void {
  if (before === proposed) { io.out(`${name}: unchanged`); return; }
  io.out(`--- proposed ${name}${before === undefined ? ' (new file)' : ''} ---`);
  io.out(proposed.replace(/\n$/, ''));
  if (before !== undefined) {
    io.out(`--- diff for ${name} ---`);
    io.out(unifiedDiff(name, before, proposed).replace(/\n$/, ''));
  }
}

function unpinnedWarning(spec: ProjectSpec, io: CliIo): void {
  const unpinned = spec.requirements.filter((r) => !r.version).map((r) => r.name);
  if (unpinned.length) io.err(`requirements.txt: warning: no installed version found, left unpinned: ${unpinned.join(', ')}`);
}
