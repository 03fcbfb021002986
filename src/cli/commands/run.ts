import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { runProject } from '../../node/docker/run';
import { Engine } from '../../node/docker/engine';
import { outputsLine } from '../../node/written';
import { exitReason } from '../../core/docker/exitReason';
import { runningJupyterLines } from '../../node/develop/runningJupyter';
import { JupyterServerFinder } from '../../node/develop/jupyterServers';

export interface RunOptions {
  args: string[];
  /** undefined or true mounts the project (every mode); false (--no-mount) runs the image's own copy. */
  mount: boolean | undefined;
  /** --env-file choices (relative to the project); default `.env` when it exists. */
  envFiles?: string[];
  /** --data-threshold: what the image lacks, mounted for a run without the project mount. */
  dataThresholdMB?: number;
}

/** Runs a built image: scripts stream and exit with the container's code; servers run until Ctrl-C. */
export async function runWithOutput(
  io: CliIo,
  engine: Engine,
  dir: string,
  tag: string,
  o: RunOptions,
): Promise<number> {
  // A Jupyter server of this project that runs already is said, with its URL, rather than started twice.
  const shown = quoteArg(path.relative(io.cwd, dir) || '.');
  const already = await runningJupyterLines(engine, dir, tag, shown, new JupyterServerFinder(() => engine));
  if (already) {
    for (const l of already) io.out(l);
    return 0;
  }
  const partial = { stdout: '', stderr: '' };
  const tail: string[] = []; // the last stderr lines: why a run that exits non-zero failed
  const r = await runProject(engine, {
    dir,
    tag,
    args: o.args,
    mount: o.mount,
    envFiles: o.envFiles,
    dataThresholdMB: o.dataThresholdMB,
    signal: io.signal,
    // io writes whole lines: hold a partial line until its end arrives.
    onOutput: (stream, text) => {
      const lines = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = lines.pop() ?? '';
      for (const l of lines) (stream === 'stderr' ? io.err : io.out)(l);
      if (stream === 'stderr') tail.push(...lines.filter((l) => l.trim()).slice(-20));
      tail.splice(0, Math.max(0, tail.length - 20));
    },
    onNote: (line) => io.err(line),
    // Said only once the server answers: a server that dies at startup gets no URL under its error.
    onReady: (ports) => {
      for (const [c, h] of ports) io.err(`port ${c} → http://127.0.0.1:${h}`);
    },
    onJupyter: (url) => io.out(`Jupyter is ready: ${url.hostUrl}  (Ctrl-C stops the container)`),
  }).catch((e: Error) => {
    // One inspect fewer on the way in: a missing image is the engine's 404, said our way.
    if (/no such image/i.test(e.message))
      throw new CliError(`image ${tag} not found: build it first (ds-containers build ${dir})`);
    throw e;
  });
  if (partial.stdout) io.out(partial.stdout);
  if (partial.stderr) io.err(partial.stderr);
  if (partial.stderr.trim()) tail.push(partial.stderr);
  const rel = path.relative(io.cwd, dir) || '.';
  if (r.written) io.err(outputsLine(rel, r.written));
  // A server that ended by itself is worth a line even with code 0 (it should have kept running).
  if (!r.stopped && (r.exitCode !== 0 || r.mode !== 'script'))
    io.err(exitReason(r.mode, r.exitCode, tail, quoteArg(rel)));
  if (r.stopped) io.err(`stopped and removed the container`);
  else if (r.mode !== 'script') io.err(`its container ${r.id.slice(0, 12)} is kept (docker logs, docker rm)`);
  // Interrupted is never success: a CI job whose timeout killed the run must not see 0.
  return r.stopped ? interruptedExitCode(io.signal.reason) : r.exitCode;
}

/** The shell's convention for a command ended by a signal: 128 + its number (SIGTERM 143, else SIGINT 130). */
export function interruptedExitCode(reason: unknown): number {
  return reason === 'SIGTERM' ? 143 : 130;
}

export const MOUNT_HELP = [
  "The project is bind-mounted at the image's working directory and the container runs as your",
  'UID:GID, so what a run writes there (results/, a saved model, a notebook) stays on disk, yours.',
  "--no-mount           run the image's own copy of the code (what it writes is lost)",
];

/** --no-mount (false); --mount, the old spelling of the default, and nothing mount. */
export function mountOf(flags: Map<string, string | true>): boolean | undefined {
  return flags.has('no-mount') ? false : undefined;
}

/** A path as a shell takes it when pasted: quoted when it holds anything but safe characters. */
export function quoteArg(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** --env-file values, when any were given. */
export function envFilesOf(lists: Map<string, string[]>): string[] | undefined {
  return lists.get('env-file');
}

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run DIR [--tag TAG] [--no-mount] [--env-file FILE]… [-- ARGS]',
  summary: 'run the built image (.env passed at run time): a script exits with its code; Jupyter prints its URL',
  help: MOUNT_HELP,
  async run(argv, io) {
    const a = parseArgs(argv, ['mount', 'no-mount'], ['tag', 'env-file']);
    const dir = projectDir(io, a.positional);
    return runWithOutput(io, engineFor(io), dir, tagFor(dir, a.flags.get('tag')), {
      args: a.rest,
      mount: mountOf(a.flags),
      envFiles: envFilesOf(a.lists),
    });
  },
};
