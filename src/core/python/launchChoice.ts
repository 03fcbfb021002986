// From the detected mode and the documented launches to the one the container runs: a pipeline file's
// (dvc.yaml, MLproject, Snakefile) first, then the Makefile's and the README's for the detected entry; an
// app whose `__main__` sets things up before `app.run()` is started with `python FILE` (issue 26, defect 3).
import type { DetectedMode } from './mode';
import { DocumentedLaunch } from './launch';
import { ArgvDemand, bindsAll, MainFacts } from './entryFacts';

export interface EntryFacts {
  argv?: ArgvDemand;
  main?: MainFacts;
}

export interface LaunchInput {
  detected: DetectedMode;
  /** Pipeline launches first (dvc.yaml, MLproject, Snakefile), then the Makefile's, then the README's. */
  launches: DocumentedLaunch[];
  /** What each runnable Python file asks of its launch, by project-relative path. */
  facts: Record<string, EntryFacts>;
  /** Whether a project-relative file exists (a launch of a missing file is dropped). */
  exists(file: string): boolean;
  /** dvc.yaml's stage names, for the report. */
  dvcStages?: string[];
}

export interface LaunchChoice extends DetectedMode {
  /** The entry's arguments as the project runs it; for a Flask or FastAPI app, present: started with `python`. */
  entryArgs?: string[];
  /** The port the app listens on when the launch says (`python main.py 8080`, `app.run(port=8080)`). */
  entryPort?: number;
  /** Runnable files that demand command-line arguments: file → the line and what it asks. */
  needsArgs?: Record<string, ArgvDemand>;
  warnings: { file: string; line?: number; message: string }[];
}

const PIPELINES = new Set(['dvc.yaml', 'MLproject', 'Snakefile']);

/** The launch the container runs, with why. */
export function chooseLaunch(input: LaunchInput): LaunchChoice {
  const { detected, facts } = input;
  const usable = input.launches.filter((l) => input.exists(l.entry));
  const out: LaunchChoice = { ...detected, warnings: [] };
  const needs = Object.entries(facts).filter(([, f]) => f.argv);
  if (needs.length) out.needsArgs = Object.fromEntries(needs.map(([file, f]) => [file, { ...f.argv! }]));
  const best = (list: DocumentedLaunch[]) => list.find((l) => !l.missing) ?? list[0];
  const pipeline = best(usable.filter((l) => PIPELINES.has(l.source)));
  if (pipeline) return fromPipeline(out, pipeline, input);
  if (detected.mode === 'app' && detected.entry && (detected.framework === 'flask' || detected.framework === 'fastapi'))
    return appLaunch(out, best(usable.filter((l) => l.entry === detected.entry)), facts[detected.entry]?.main);
  if (detected.mode !== 'script') return out;
  const doc =
    best(usable.filter((l) => l.entry === detected.entry)) ?? best(usable.filter((l) => facts[l.entry] !== undefined));
  if (!doc) return out;
  if (doc.entry !== detected.entry) {
    out.entryAlternatives = [detected.entry, ...(detected.entryAlternatives ?? [])].filter(
      (f): f is string => !!f && f !== doc.entry,
    );
    if (!out.entryAlternatives.length) delete out.entryAlternatives;
  }
  out.entry = doc.entry;
  out.entryWhy = `${doc.from} runs it: \`${doc.command}\``;
  withArgs(out, doc);
  return out;
}

function withArgs(out: LaunchChoice, doc: DocumentedLaunch): void {
  if (doc.missing?.length) {
    const [file, line] = doc.from.split(' ')[0].split(':');
    out.warnings.push({
      file,
      line: line ? Number(line) : undefined,
      message:
        `\`${doc.command}\` leaves ${doc.missing.join(', ')} to fill in: the container runs ${doc.entry} ` +
        'without arguments; pass them after -- (ds-containers up DIR -- ARGS)',
    });
  } else if (doc.args.length) out.entryArgs = [...doc.args];
}

function fromPipeline(out: LaunchChoice, p: DocumentedLaunch, input: LaunchInput): LaunchChoice {
  const was = input.detected;
  out.mode = 'script';
  delete out.framework;
  out.entry = p.entry;
  const others = p.source === 'dvc.yaml' ? (input.dvcStages ?? []).filter((s) => !p.from.endsWith(`(stage ${s})`)) : [];
  out.entryWhy =
    `${p.from} runs it: \`${p.command}\`` +
    (p.source === 'dvc.yaml' ? ' (the stage command itself: `dvc repro` needs DVC and its cache)' : '') +
    (others.length ? `; the other stages (${others.join(', ')}) run with \`dvc repro\`` : '') +
    (was.mode !== 'script'
      ? `; --mode ${was.mode} runs the ${was.mode === 'app' ? `${was.framework} app` : 'notebooks'}`
      : '');
  const alternatives = [was.entry, ...(was.entryAlternatives ?? [])].filter((f): f is string => !!f && f !== p.entry);
  if (alternatives.length) out.entryAlternatives = alternatives;
  else delete out.entryAlternatives;
  withArgs(out, p);
  if (p.source === 'Snakefile') out.entryArgs = [...p.args];
  return out;
}

function appLaunch(out: LaunchChoice, doc: DocumentedLaunch | undefined, main: MainFacts | undefined): LaunchChoice {
  const entry = out.entry!;
  const serve = main?.serve;
  const port = (doc && !doc.missing ? portOfArgs(doc.args) : undefined) ?? serve?.port;
  if (port) out.entryPort = port;
  if (serve && main!.setsUp) {
    out.entryArgs = doc && !doc.missing ? [...doc.args] : [];
    const run = ['python', entry, ...out.entryArgs].join(' ');
    out.entryWhy =
      `builds a ${out.framework} app whose \`__main__\` (line ${main!.line}) sets up before starting it ` +
      `(line ${main!.setupLine}), which \`${out.framework === 'flask' ? 'flask run' : 'uvicorn'}\` would skip: ` +
      `started with \`${run}\`` +
      (doc ? ` as ${doc.from} does` : '');
    if (doc?.missing) withArgs(out, doc);
    if (!bindsAll(serve.host))
      out.warnings.push({
        file: entry,
        line: serve.line,
        message:
          `the server is started here without host="0.0.0.0" (it listens on ${serve.host ?? '127.0.0.1'}): ` +
          'inside the container the published port cannot reach it; pass host="0.0.0.0"',
      });
    return out;
  }
  if (doc)
    out.entryWhy =
      `builds a ${out.framework} app; ${doc.from} runs \`${doc.command}\`, and its \`__main__\` only starts the ` +
      `server, so ${out.framework === 'flask' ? 'flask run' : 'uvicorn'} serves it on 0.0.0.0` +
      (port ? ` (port ${port})` : '');
  return out;
}

/** `--port 8080`, `--port=8080`, `-p 8080`, or the one number among the arguments. */
export function portOfArgs(args: readonly string[]): number | undefined {
  const valid = (s: string | undefined) => (s && /^\d{2,5}$/.test(s) && Number(s) < 65536 ? Number(s) : undefined);
  for (let i = 0; i < args.length; i++) {
    const eq = /^--port=(\d+)$/.exec(args[i]);
    if (eq) return valid(eq[1]);
    if (args[i] === '--port' || args[i] === '-p') return valid(args[i + 1]);
  }
  const numbers = args.filter((a) => /^\d{2,5}$/.test(a));
  return numbers.length === 1 ? valid(numbers[0]) : undefined;
}
