import { CliCommand } from './io';
import { lint } from './commands/lint';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [lint];
