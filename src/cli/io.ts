/** What a CLI command may touch, passed in so that tests can run commands in-process. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C (reason "SIGINT") or SIGTERM ("SIGTERM"): long commands stop their containers and exit. */
  signal: AbortSignal;
  /** Standard input, for secrets (`login --password-stdin`); absent in tests that give none. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

/** A user-facing failure: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  /** More lines for `--help` (flags explained, old spellings that still work). */
  help?: string[];
  /** Resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}
