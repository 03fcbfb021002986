import { promises as fs } from 'fs';
import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { ProjectAnalysis, ProjectMode, ProjectSpec } from '../../core/project';
import { baseImageOf, SpecError, specFromAnalysis } from '../../core/generate';
import { analyzeProject, AnalyzeOptions } from '../../node/analyze';
import { unifiedDiff } from '../../node/files';
import { projectFolders } from '../../node/projects';
import { scaffoldProject, scaffoldReport, ScaffoldFileError, ScaffoldResult } from '../../node/scaffold';

type Analyze = (root: string, opts: AnalyzeOptions) => Promise<ProjectAnalysis>;
const modes = ['auto', 'script', 'jupyter', 'app'];

/** `scaffold` with the analysis injectable, so tests can also feed hand-built analyses. */
export function makeScaffoldCommand(analyze: Analyze = analyzeProject, opts: { nextHint?: boolean } = {}): CliCommand {
  return {
    name: 'scaffold',
    usage:
      'scaffold DIR [--mode auto|script|jupyter|app] [--base-image IMAGE] [--python X.Y] [--gpu] [--entry FILE] [--devcontainer] [--force] [--dry-run]',
    summary:
      'write requirements.txt, Dockerfile, compose.yaml and .dockerignore (with --devcontainer also .devcontainer/devcontainer.json); never overwrites without --force',
    run: (args, io) => scaffold(args, io, analyze, opts),
  };
}

export const scaffoldCommand = makeScaffoldCommand();

async function scaffold(argv: string[], io: CliIo, analyze: Analyze, opts: { nextHint?: boolean }): Promise<number> {
  const args = parseArgs(argv, ['gpu', 'force', 'dry-run', 'devcontainer'], ['mode', 'base-image', 'python', 'entry']);
  if (args.positional.length !== 1) throw new CliError('expected one project folder: scaffold DIR');
  const root = path.resolve(io.cwd, args.positional[0]);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new CliError(`not a folder: ${args.positional[0]}`);
  await refuseSeveralProjects(root, io);
  const mode = flag(args.flags, 'mode') ?? 'auto';
  if (!modes.includes(mode)) throw new CliError(`--mode must be one of ${modes.join(', ')}, not "${mode}"`);
  const entry = flag(args.flags, 'entry');
  if (entry && !(await fs.stat(path.join(root, entry)).catch(() => undefined))?.isFile()) {
    throw new CliError(`--entry ${entry}: no such file in ${args.positional[0]}`);
  }
  const dryRun = args.flags.has('dry-run');
  const force = args.flags.has('force');

  const python = flag(args.flags, 'python');
  const minor = /^3\.(\d+)$/.exec(python ?? '3.8');
  if (!minor || Number(minor[1]) < 8)
    throw new CliError(`--python must be 3.8 or newer, written X.Y (e.g. 3.11), not "${python}"`);

  const analysis = await analyze(root, { signal: io.signal });
  // Paths as scan prints them: relative to the current folder.
  for (const w of analysis.warnings) {
    const file =
      w.file === '.' ? path.relative(io.cwd, root) || '.' : path.relative(io.cwd, path.join(root, w.file)) || w.file;
    io.err(`${file}${w.line ? `:${w.line}` : ''}: warning: ${w.message}`);
  }
  let spec: ProjectSpec;
  try {
    spec = specFromAnalysis(analysis, {
      mode: mode as ProjectMode | 'auto',
      baseImage: flag(args.flags, 'base-image'),
      pythonVersion: python,
      gpu: args.flags.has('gpu') || undefined,
      entry: entry?.replace(/\\/g, '/'),
      versionSource: versionSource(analysis),
    });
  } catch (e) {
    if (e instanceof SpecError) throw new CliError(e.message);
    throw e;
  }
  io.out(describe(spec, flag(args.flags, 'python') ? '--python' : analysis.pythonVersionFrom));
  if (spec.hasEnvFile)
    io.out('.env: passed to the container by compose.yaml (env_file) and kept out of the image by .dockerignore.');
  const rel = (file: string, line?: number): string =>
    `${path.relative(io.cwd, path.join(root, file)) || file}${line ? `:${line}` : ''}`;
  let result: ScaffoldResult;
  try {
    result = await scaffoldProject(root, spec, analysis, {
      dryRun,
      devcontainer: args.flags.has('devcontainer') ? { name: path.basename(root) } : undefined,
      consent: (name, before, proposed) => {
        if (!force) printProposal(io, name, before, proposed);
        return force;
      },
    });
  } catch (e) {
    if (e instanceof ScaffoldFileError)
      throw new CliError(`cannot ${e.verb} ${e.file} in ${args.positional[0]}: ${e.why}`, 1);
    throw e;
  }
  if (dryRun) for (const f of result.files) printProposal(io, f.name, f.before, f.proposed);
  const report = scaffoldReport(result, rel, ' (--force)');
  for (const line of report.warnings) io.err(line);
  for (const line of report.info) io.out(line);
  unpinnedWarning(spec, io);
  const kept = result.files.filter((f) => f.outcome === 'kept').map((f) => f.name);
  if (dryRun) io.out('Dry run: nothing was written.');
  else if (kept.length)
    io.out(`Left alone (they exist): ${kept.join(', ')}. Review the diffs above; rerun with --force to replace them.`);
  else if (opts.nextHint !== false && !result.problem)
    io.out('Next: docker compose up --build   (or: docker build --build-arg UID=$(id -u) -t NAME .)');
  // The other files are written, but the image would lack what requirements.txt could not get: say so in the exit code.
  return result.problem ? 1 : 0;
}

/** "python3 (Python 3.11.2)" for the requirements header; undefined when no interpreter answered. */
function versionSource(analysis: ProjectAnalysis): string | undefined {
  const i = analysis.interpreter;
  if (!i || i.problem) return undefined;
  return i.version ? `${i.command} (Python ${i.version})` : i.command;
}

function flag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function describe(spec: ProjectSpec, pythonFrom: string | undefined): string {
  const what = spec.mode === 'app' ? `app (${spec.framework})` : spec.mode;
  const from = pythonFrom ? ` (from ${pythonFrom})` : '';
  return (
    `Project: ${what}${spec.entry ? `, entry ${spec.entry}` : ''}, Python ${spec.pythonVersion}${from}, base image ${baseImageOf(spec)}` +
    `${spec.gpu ? ', GPU' : ''}; ${spec.requirements.length} runtime requirement(s).`
  );
}

function printProposal(io: CliIo, name: string, before: string | undefined, proposed: string): void {
  if (before === proposed) {
    io.out(`${name}: unchanged`);
    return;
  }
  io.out(`--- proposed ${name}${before === undefined ? ' (new file)' : ''} ---`);
  io.out(proposed.replace(/\n$/, ''));
  if (before !== undefined) {
    io.out(`--- diff for ${name} ---`);
    io.out(unifiedDiff(name, before, proposed).replace(/\n$/, ''));
  }
}

function unpinnedWarning(spec: ProjectSpec, io: CliIo): void {
  const unpinned = spec.requirements.filter((r) => !r.version).map((r) => r.name);
  if (unpinned.length)
    io.err(`requirements.txt: warning: no installed version found, left unpinned: ${unpinned.join(', ')}`);
}

/** A folder holding several projects side by side is not scaffolded as one merged project. */
async function refuseSeveralProjects(root: string, io: CliIo): Promise<void> {
  const projects = await projectFolders(root);
  if (projects.includes(root) || projects.length < 2) return;
  const rel = projects.map((p) => path.relative(io.cwd, p) || '.');
  throw new CliError(
    `${path.relative(io.cwd, root) || '.'} holds ${projects.length} projects (${rel.join(', ')}): name one, e.g. ${rel[0]}`,
  );
}
