import { CliCommand } from './io';
import { scanCommand } from './commands/scan';
import { scaffoldCommand } from './commands/scaffold';
import { lint } from './commands/lint';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [
  scanCommand,
  scaffoldCommand,
  lint,
];
