import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { runProject } from '../../node/docker/run';
import { Engine } from '../../node/docker/engine';

export interface RunOptions {
  args: string[];
  /** undefined mounts servers (Jupyter, apps: development runs) and not scripts; true mounts any. */
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
  const partial = { stdout: '', stderr: '' };
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
  if (r.stopped) io.err(`stopped and removed the container`);
  else if (r.mode !== 'script')
    io.err(
      `the server exited with code ${r.exitCode}; its container ${r.id.slice(0, 12)} is kept (docker logs, docker rm)`,
    );
  // Interrupted is never success: a CI job whose timeout killed the run must not see 0.
  return r.stopped ? interruptedExitCode(io.signal.reason) : r.exitCode;
}

/** The shell's convention for a command ended by a signal: 128 + its number (SIGTERM 143, else SIGINT 130). */
export function interruptedExitCode(reason: unknown): number {
  return reason === 'SIGTERM' ? 143 : 130;
}

/** --env-file values, when any were given. */
export function envFilesOf(lists: Map<string, string[]>): string[] | undefined {
  return lists.get('env-file');
}

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run DIR [--tag TAG] [--mount] [--env-file FILE]… [-- ARGS]',
  summary: 'run the built image (.env passed at run time): a script exits with its code; Jupyter prints its URL',
  async run(argv, io) {
    const a = parseArgs(argv, ['mount'], ['tag', 'env-file']);
    const dir = projectDir(io, a.positional);
    return runWithOutput(io, engineFor(io), dir, tagFor(dir, a.flags.get('tag')), {
      args: a.rest,
      mount: a.flags.has('mount') || undefined,
      envFiles: envFilesOf(a.lists),
    });
  },
};
