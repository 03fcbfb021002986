import { CliCommand } from './io';
import { scanCommand } from './commands/scan';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [
  scanCommand,
];
