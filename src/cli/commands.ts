import { CliCommand } from './io';
import { scaffoldCommand } from './commands/scaffold';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [
  scaffoldCommand,
];
