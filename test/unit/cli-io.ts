// An in-process CliIo that records what a command prints, for tests that call main() directly.
import { CliIo } from '../../src/cli/io';

/** The unit tier never reaches a Docker engine: commands that would ask one (scaffold's base-image probe) find none. */
export const NO_ENGINE = { DOCKER_HOST: 'unix:///tmp/dsc-no-such-engine.sock' };

export type RecordedIo = CliIo & { stdout: string[]; stderr: string[] };

export function captureIo(cwd = process.cwd()): RecordedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (l) => stdout.push(l),
    err: (l) => stderr.push(l),
    cwd,
    env: { ...NO_ENGINE },
    signal: new AbortController().signal,
  };
}
