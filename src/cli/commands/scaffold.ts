import { promises as fs } from 'fs';
import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs, ParsedArgs } from '../args';
import { PROJECT_MODES, ProjectAnalysis, ProjectMode, ProjectSpec } from '../../core/project';
import { baseImageOf, SpecError } from '../../core/generate';
import { proposeSpec } from '../../node/containerize/propose';
import { Engine } from '../../node/docker/engine';
import { dataThresholdFlag, engineFor } from './dockerShared';
import { projectDataOut } from '../../node/dataFiles';
import { PINS_HELP, pinsFlag, PYTHON_FLAGS, PYTHON_FLAGS_HELP, pythonFlags } from '../pythonFlags';
import { analyzeProject, AnalyzeOptions } from '../../node/analyze';
import { unifiedDiff } from '../../node/files';
import { projectFolders } from '../../node/projects';
import { scaffoldProject, scaffoldReport, ScaffoldFileError, ScaffoldResult } from '../../node/scaffold';
import { missingEnvHint } from '../../core/docker/envFile';
import { parseRequirements } from '../../core/requirements/parse';
import { normalizeName } from '../../core/requirements/names';
import { checkWheels, PinnedPackage } from '../../core/python/wheelCheck';
import { stubReplacement } from '../../core/python/data/stubs';
import { readTextFile } from '../../node/textFile';
import { launchReport } from '../../core/generate/launch';
import { quoteArg } from './run';
import { choosePythonFix, consentToRename, PYTHON_FIX_HELP, pythonFixFlag } from '../pythonFix';

/** The data flags, in scaffold's and up's help. */
export const DATA_HELP = [
  '--data-threshold MB  files above MB (default 50; 0: no limit) and data/, datasets/',
  '                     stay out of the image; the project mount brings them',
  '--keep-data PATH     keep PATH in the image anyway (a !PATH line in .dockerignore)',
];

type Analyze = (root: string, opts: AnalyzeOptions) => Promise<ProjectAnalysis>;
const modes = ['auto', ...PROJECT_MODES];
/** Scaffold's flags that `up` takes too (and forwards). */
export const SCAFFOLD_FLAGS = ['gpu', 'force', 'verbose', 'offline', 'no-pin', 'rename-stubs'] as const;
export const SCAFFOLD_VALUED = [
  'mode',
  'base-image',
  'entry',
  'exclude',
  'pins',
  'python-fix',
  'data-threshold',
  'keep-data',
  ...PYTHON_FLAGS,
] as const;

export interface ScaffoldCommandOptions {
  /** Print the "Next:" hint (up does not: it goes on to build). */
  nextHint?: boolean;
  /** A file kept because --force was not given is a failure (up with explicit choices must not build the old files). */
  keptIsError?: boolean;
  /** Say the missing-.env hint (up does not: its run says it, once). */
  envHint?: boolean;
  /** Write and build nothing while a pin has no wheel or a placeholder name is left (up: the build would fail). */
  stopOnUninstallable?: boolean;
}

/** `scaffold` with the analysis injectable, so tests can also feed hand-built analyses. */
export function makeScaffoldCommand(analyze: Analyze = analyzeProject, opts: ScaffoldCommandOptions = {}): CliCommand {
  return {
    name: 'scaffold',
    usage:
      'scaffold DIR [--mode auto|script|jupyter|app] [--base-image IMAGE] [--pins interpreter|image|none] ' +
      '[--interpreter PATH] [--python-version X.Y] [--python-fix base|upgrade] [--rename-stubs] [--gpu] ' +
      '[--entry FILE] [--exclude NAME]… [--tag TAG] [--devcontainer] [--data-threshold MB] [--keep-data PATH]… ' +
      '[--force] [--dry-run] [--offline] [--verbose]',
    help: [
      ...PINS_HELP,
      ...PYTHON_FLAGS_HELP,
      ...PYTHON_FIX_HELP,
      ...DATA_HELP,
      "--tag TAG            the image tag, written into the Dockerfile's # Build: line and compose.yaml's image:",
      '                     (build, run and up then use it)',
    ],
    summary:
      'write requirements.txt, Dockerfile, compose.yaml and .dockerignore (with --devcontainer also ' +
      '.devcontainer/devcontainer.json); never overwrites without --force',
    run: (args, io) => scaffold(args, io, analyze, opts),
  };
}

export const scaffoldCommand = makeScaffoldCommand();

async function scaffold(argv: string[], io: CliIo, analyze: Analyze, opts: ScaffoldCommandOptions): Promise<number> {
  return scaffoldWith(
    parseArgs(argv, [...SCAFFOLD_FLAGS, 'dry-run', 'devcontainer'], [...SCAFFOLD_VALUED, 'tag']),
    io,
    opts,
    analyze,
  );
}

/**
 * Scaffold on flags already parsed: `up` hands over its own (it takes every scaffold flag), so a flag is
 * declared and read once, never rebuilt into argv.
 */
export async function scaffoldWith(
  args: ParsedArgs,
  io: CliIo,
  opts: ScaffoldCommandOptions = {},
  analyze: Analyze = analyzeProject,
): Promise<number> {
  const verbose = args.flags.has('verbose');
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

  const { interpreter, pythonVersion: python } = pythonFlags(args.flags);
  const pins = pinsFlag(args.flags, args.flags.has('no-pin'));

  const analysis = await analyze(root, {
    signal: io.signal,
    offline: args.flags.has('offline'),
    noPin: pins === 'none',
    ...(interpreter ? { python: interpreter } : {}),
  });
  // Paths as scan prints them: relative to the current folder.
  for (const w of analysis.warnings) {
    const file =
      w.file === '.' ? path.relative(io.cwd, root) || '.' : path.relative(io.cwd, path.join(root, w.file)) || w.file;
    io.err(`${file}${w.line ? `:${w.line}` : ''}: warning: ${w.message}`);
  }
  const fixFlag = pythonFixFlag(args.flags);
  // The base image is asked once per image id (cached): what it has is not added again, and pins can come from it.
  // The shared workflow proposes (node/containerize): the same spec, pins and notes as the editor's Containerize.
  const prepare = async (pythonVersion: string | undefined) => {
    try {
      return await proposeSpec(
        root,
        analysis,
        {
          mode: mode as ProjectMode | 'auto',
          baseImage: flag(args.flags, 'base-image'),
          pythonVersion,
          gpu: args.flags.has('gpu') || undefined,
          entry,
          exclude: args.lists.get('exclude'),
          pins,
          tag: flag(args.flags, 'tag'),
        },
        { engine: engineOrUndefined(io), env: io.env },
      );
    } catch (e) {
      if (e instanceof SpecError) throw new CliError(withFlagHint(e), e.message.startsWith('pins from') ? 1 : 2);
      throw e;
    }
  };
  let prepared = await prepare(python);
  // Pins with no wheel for the image's Python: one line each; another base or new pins only with consent.
  const imagePython = /^\d+\.\d+/.exec(prepared.base.facts?.python?.version ?? '')?.[0];
  const check = checkWheels(pinsOf(prepared.spec), imagePython ?? prepared.spec.pythonVersion, {
    requiresPython: analysis.pythonRange,
    pythonFixedBy: pythonFixedBy(flag(args.flags, 'base-image'), python, analysis.pythonVersionFrom),
  });
  const userRequirements = await readTextFile(path.join(root, 'requirements.txt')).catch(() => undefined);
  const fix = await choosePythonFix(io, check, fixFlag, {
    dryRun,
    where: (name) => requirementPlace(userRequirements?.text, name, (f, l) => shownPath(io, root, f, l)),
  });
  const repin: Record<string, string> = {};
  if (fix === 'base' && check.base) {
    io.out(`Python ${check.base.python}: base image ${check.base.image} (--python-fix base)`);
    prepared = await prepare(check.base.python);
  } else if (fix === 'upgrade') {
    for (const u of check.upgrades) repin[normalizeName(u.name)] = u.to;
    const requirements = prepared.spec.requirements.map((r) => {
      const to = repin[normalizeName(r.name)];
      return to ? { ...r, version: to } : r;
    });
    prepared = { ...prepared, spec: { ...prepared.spec, requirements } };
  }
  const renames = stubRenames(userRequirements?.text);
  const rename = (await consentToRename(io, renames, args.flags.has('rename-stubs'), { dryRun }))
    ? Object.fromEntries(renames.map((r) => [r.from, r.to]))
    : {};
  for (const [from, to] of Object.entries(rename)) io.out(`requirements.txt: ${from} → ${to} (--rename-stubs)`);
  const leftOver = (check.findings.length && !fix) || renames.length > Object.keys(rename).length;
  if (leftOver && opts.stopOnUninstallable) {
    io.err('Nothing written, nothing built: pip cannot install requirements.txt as it is (see above).');
    return 1;
  }
  const dataOut = await projectDataOut(root, {
    thresholdMB: dataThresholdFlag(args.flags.get('data-threshold')),
    keep: args.lists.get('keep-data'),
    signal: io.signal,
  });
  const spec = { ...prepared.spec, dataOut };
  for (const n of prepared.notes) io.err(`${n.file ? `${n.file}: ` : ''}${n.level}: ${n.message}`);
  io.out(
    describe(
      spec,
      fix === 'base'
        ? '--python-fix base'
        : python
          ? '--python-version'
          : spec.pythonVersion !== analysis.pythonVersion
            ? `the base image` // its Python, not the interpreter's (pinSpec)
            : analysis.pythonVersionFrom,
    ),
  );
  if (spec.entry && !entry) for (const l of entryLines(analysis, spec.entry)) io.out(l);
  const launch = launchReport(spec, analysis, quoteArg(path.relative(io.cwd, root) || '.'));
  for (const l of launch.info) io.out(l);
  // The compose file's command (or the last Dockerfile's) gave the arguments: say so, as the preview does.
  if (prepared.argsFrom && spec.args?.length && prepared.argsFrom !== analysis.entryWhy)
    io.out(`Arguments: ${prepared.argsFrom}.`);
  for (const w of launch.warnings) io.err(`${shownPath(io, root, w.file, w.line)}: warning: ${w.message}`);
  if (spec.hasEnvFile)
    io.out('.env: passed to the container at run time (run, up, compose env_file), never copied into the image.');
  const envHint = missingEnvHint(analysis.existing);
  if (envHint && opts.envHint !== false) io.err(envHint);
  const rel = (file: string, line?: number): string =>
    `${path.relative(io.cwd, path.join(root, file)) || file}${line ? `:${line}` : ''}`;
  let result: ScaffoldResult;
  try {
    result = await scaffoldProject(root, spec, analysis, {
      dryRun,
      devcontainer: args.flags.has('devcontainer') ? { name: path.basename(root) } : undefined,
      // Consented above: the re-pinned lines are rewritten from the spec, placeholder names renamed.
      replaceRequirements: Object.keys(repin),
      renameRequirements: rename,
      consent: (name, before, proposed) => {
        if (!force) printProposal(io, name, before, proposed, verbose);
        return force;
      },
    });
  } catch (e) {
    if (e instanceof ScaffoldFileError)
      throw new CliError(`cannot ${e.verb} ${e.file} in ${args.positional[0]}: ${e.why}`, 1);
    throw e;
  }
  // The report below says "unchanged" itself: a dry run prints each other file once.
  if (dryRun)
    for (const f of result.files)
      if (f.outcome !== 'unchanged') printProposal(io, f.name, f.before, f.proposed, verbose);
  const report = scaffoldReport(result, rel, ' (--force)', ' (--python-fix upgrade)');
  for (const line of report.warnings) io.err(line);
  for (const line of report.info) io.out(line);
  const kept = result.files.filter((f) => f.outcome === 'kept').map((f) => f.name);
  if (dryRun) io.out('Dry run: nothing was written.');
  else if (kept.length) {
    const review = verbose ? 'Review the diffs above' : 'See the changes with --verbose';
    io.out(`Left alone (they exist): ${kept.join(', ')}. ${review}; rerun with --force to replace them.`);
    if (opts.keptIsError) {
      io.err(keptStops(kept));
      return 1;
    }
  } else if (opts.nextHint !== false && !result.problem)
    io.out('Next: docker compose up --build   (or: docker build --build-arg UID=$(id -u) -t NAME .)');
  // The other files are written, but the image would lack what requirements.txt could not get: say so in the exit code.
  return result.problem ? 1 : 0;
}

/** Why up stops when a file it would have to change was kept (issue 26: `up --entry` said nothing). */
function keptStops(kept: string[]): string {
  return (
    `Nothing built: ${kept.join(', ')} ${kept.length > 1 ? 'exist' : 'exists'} and would still build what ` +
    `${kept.length > 1 ? 'they say' : 'it says'}, not the options given; rerun with --force to replace ` +
    `${kept.length > 1 ? 'them' : 'it'} (--verbose shows the diff).`
  );
}

/** The SpecError's plain words with the flags that make the choice it names. */
export function withFlagHint(e: SpecError): string {
  const flags = {
    mode: '--mode',
    entry: '--entry FILE',
    'entry-or-jupyter': '--entry FILE, or --mode jupyter',
    jupyter: '--mode jupyter',
  } as const;
  const hint = e.message.startsWith('pins from the image') ? '--pins image' : e.choose && flags[e.choose];
  return hint ? `${e.message} (${hint})` : e.message;
}

function flag(flags: Map<string, string | true>, name: string): string | undefined {
  const v = flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

function describe(spec: ProjectSpec, pythonFrom: string | undefined): string {
  const what = spec.mode === 'app' ? `app (${spec.framework})` : spec.mode;
  const from = pythonFrom ? ` (from ${pythonFrom})` : '';
  return (
    `Project: ${what}${spec.entry ? `, entry ${spec.entry}` : ''}, ` +
    `Python ${spec.pythonVersion}${from}, base image ${baseImageOf(spec)}` +
    `${spec.gpu ? ', GPU' : ''}; ${spec.requirements.length} runtime requirement(s).`
  );
}

/** One line per file by default; the whole proposal and its diff with --verbose. */
function printProposal(io: CliIo, name: string, before: string | undefined, proposed: string, verbose: boolean): void {
  if (before === proposed) {
    io.out(`${name}: unchanged`);
    return;
  }
  if (!verbose) {
    const lines = proposed.replace(/\n$/, '').split('\n').length;
    if (before === undefined) {
      io.out(`${name}: new file, ${lines} lines (--verbose shows it)`);
      return;
    }
    const diff = unifiedDiff(name, before, proposed).split('\n');
    const plus = diff.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    const minus = diff.filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
    io.out(`${name}: yours differs from the proposal (+${plus} -${minus} lines; --verbose shows the diff)`);
    return;
  }
  io.out(`--- proposed ${name}${before === undefined ? ' (new file)' : ''} ---`);
  io.out(proposed.replace(/\n$/, ''));
  if (before !== undefined) {
    io.out(`--- diff for ${name} ---`);
    io.out(unifiedDiff(name, before, proposed).replace(/\n$/, ''));
  }
}

/** Why the entry was chosen, and the other runnable files (a few), so a wrong guess is one flag away. */
function entryLines(analysis: ProjectAnalysis, entry: string): string[] {
  if (analysis.entry !== entry || !analysis.entryWhy) return [];
  const out = [`Entry ${entry}: ${analysis.entryWhy}.`];
  const others = analysis.entryAlternatives ?? [];
  if (others.length) {
    const shown = others.slice(0, 5).join(', ') + (others.length > 5 ? ` and ${others.length - 5} more` : '');
    out.push(`  Also runnable: ${shown}; choose one with --entry FILE.`);
  }
  return out;
}

/** A folder holding several projects side by side is not scaffolded as one merged project. */
async function refuseSeveralProjects(root: string, io: CliIo): Promise<void> {
  const projects = await projectFolders(root);
  if (projects.includes(root) || projects.length < 2) return;
  const rel = projects.map((p) => path.relative(io.cwd, p) || '.');
  throw new CliError(
    `${path.relative(io.cwd, root) || '.'} holds ${projects.length} projects (${rel.join(', ')}): ` +
      `name one, e.g. ${rel[0]}`,
  );
}

/** The engine to ask the base image through; none when the endpoint settings cannot even be read. */
function engineOrUndefined(io: CliIo): Engine | undefined {
  try {
    return engineFor(io);
  } catch {
    return undefined;
  }
}

/** What fixes the Python so that no other base is proposed: an explicit flag, or a file that names a version. */
function pythonFixedBy(baseImage: string | undefined, python: string | undefined, from: string | undefined) {
  if (baseImage) return `--base-image ${baseImage}`;
  if (python) return '--python-version';
  return from === 'runtime.txt' || from === '.python-version' ? from : undefined;
}

/** The exact pins of a spec, for the wheel check. */
function pinsOf(spec: ProjectSpec): PinnedPackage[] {
  return spec.requirements.filter((r): r is PinnedPackage => !!r.version);
}

/** Placeholder names (sklearn) that the project's requirements.txt lists, with their real names. */
function stubRenames(text: string | undefined): { from: string; to: string }[] {
  if (text === undefined) return [];
  return parseRequirements(text)
    .lines.filter((l) => l.kind === 'requirement' && l.name)
    .flatMap((l) => {
      const to = stubReplacement(l.name!, l.pinned);
      return to ? [{ from: l.name!, to }] : [];
    });
}

/** requirements.txt:LINE of a pin as the user wrote it (the file alone when it is not written there). */
function requirementPlace(
  text: string | undefined,
  name: string,
  shown: (file: string, line?: number) => string,
): string {
  const key = normalizeName(name);
  const l = text === undefined ? undefined : parseRequirements(text).lines.find((x) => x.key === key);
  return shown('requirements.txt', l ? l.line + 1 : undefined);
}

/** A project file as the other messages show it: relative to the current folder. */
function shownPath(io: CliIo, root: string, file: string, line?: number): string {
  return `${path.relative(io.cwd, path.join(root, file)) || file}${line ? `:${line}` : ''}`;
}
