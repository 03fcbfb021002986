import { CliCommand } from './io';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [];
