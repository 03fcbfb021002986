import { CliCommand } from './io';
import { scanCommand } from './commands/scan';
import { scaffoldCommand } from './commands/scaffold';
import { lint } from './commands/lint';
import { buildCommand } from './commands/build';
import { runCommand } from './commands/run';
import { upCommand } from './commands/up';
import { checkCommand } from './commands/check';
import { lockCommand } from './commands/lock';
import { k8sCommand } from './commands/k8s';
import { sizeCommand } from './commands/size';
import { sbomCommand } from './commands/sbom';
import { archiveCommand } from './commands/archive';
import { sifCommand } from './commands/sif';
import { loginCommand, logoutCommand, pullCommand, pushCommand } from './commands/registry';

/** The one CLI command table; each command lives in its own file under commands/. */
export const commands: CliCommand[] = [
  scanCommand,
  scaffoldCommand,
  lint,
  buildCommand,
  runCommand,
  upCommand,
  checkCommand,
  lockCommand,
  sizeCommand,
  loginCommand,
  logoutCommand,
  pushCommand,
  pullCommand,
  k8sCommand,
  sbomCommand,
  archiveCommand,
  sifCommand,
];
