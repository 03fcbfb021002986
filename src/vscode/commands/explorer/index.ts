// The explorer's entries for the command table (appended in ../register.ts).
import type { CommandSpec } from '../register';
import { containerStart } from './containerStart';
import { containerStop } from './containerStop';
import { containerRestart } from './containerRestart';
import { containerRemove } from './containerRemove';
import { containerLogs } from './containerLogs';
import { containerShell } from './containerShell';
import { containerInspect } from './containerInspect';
import { containerOpenPort } from './containerOpenPort';
import { containerCopyId } from './containerCopyId';
import { containersRefresh } from './containersRefresh';
import { imageRun } from './imageRun';
import { imageRunInteractive } from './imageRunInteractive';
import { imageInspect } from './imageInspect';
import { imageTag } from './imageTag';
import { imageRemove } from './imageRemove';
import { imagesPrune } from './imagesPrune';
import { imagesRefresh } from './imagesRefresh';
import { projectRefresh } from './projectRefresh';
import { explorerRetry } from './explorerRetry';
import { engineStatus } from './engineStatus';
import { openSite } from './openSite';
import { explorerSnapshot } from './snapshot';

export const explorerCommands: CommandSpec[] = [
  containerStart, containerStop, containerRestart, containerRemove, containerLogs, containerShell, containerInspect, containerOpenPort, containerCopyId, containersRefresh,
  imageRun, imageRunInteractive, imageInspect, imageTag, imageRemove, imagesPrune, imagesRefresh,
  projectRefresh, explorerRetry, engineStatus,
];

/** Not in the palette or menus: the Project view's click target. */
export const explorerInternalCommands: CommandSpec[] = [openSite];

/** Registered only in the Test extension mode: the editor suite's view of the trees. */
export const explorerTestCommands: CommandSpec[] = [explorerSnapshot];
