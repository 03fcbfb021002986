import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { runProject } from '../../node/docker/run';
import { Engine } from '../../node/docker/engine';

/** Runs a built image: scripts stream and exit with the container's code; servers run until Ctrl-C. */
/** mount: undefined mounts servers (Jupyter, apps: development runs) and not scripts; true mounts any. */
export async function runWithOutput(
  io: CliIo,
  engine: Engine,
  dir: string,
  tag: string,
  args: string[],
  mount: boolean | undefined,
): Promise<number> {
  if (!(await engine.imageSummary(tag)))
    throw new CliError(`image ${tag} not found: build it first (ds-containers build ${dir})`);
  const partial = { stdout: '', stderr: '' };
  const r = await runProject(engine, {
    dir,
    tag,
    args,
    mount,
    signal: io.signal,
    // io writes whole lines: hold a partial line until its end arrives.
    onOutput: (stream, text) => {
      const lines = (partial[stream] + text).split(/\r?\n/);
      partial[stream] = lines.pop() ?? '';
      for (const l of lines) (stream === 'stderr' ? io.err : io.out)(l);
    },
    onStarted: (id, ports) => {
      for (const [c, h] of ports) io.err(`port ${c} → http://127.0.0.1:${h}`);
      void id;
    },
    onJupyter: (url) => io.out(`Jupyter is ready: ${url.hostUrl}  (Ctrl-C stops the container)`),
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

export const runCommand: CliCommand = {
  name: 'run',
  usage: 'run DIR [--tag TAG] [--mount] [-- ARGS]',
  summary: 'run the built image: a script exits with its code; Jupyter prints its URL and runs until Ctrl-C',
  async run(argv, io) {
    const a = parseArgs(argv, ['mount'], ['tag']);
    const dir = projectDir(io, a.positional);
    return runWithOutput(
      io,
      engineFor(io),
      dir,
      tagFor(dir, a.flags.get('tag')),
      a.rest,
      a.flags.has('mount') || undefined,
    );
  },
};
