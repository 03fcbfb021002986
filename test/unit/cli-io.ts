// An in-process CliIo that records what a command prints, for tests that call main() directly.
import { CliIo } from '../../src/cli/io';

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
    env: {},
    signal: new AbortController().signal,
  };
}
