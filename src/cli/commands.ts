import { CliCommand } from './io';
import { buildCommand } from './commands/build';
import { runCommand } from './commands/run';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [
  buildCommand,
  runCommand,
];
