import * as vscode from 'vscode';
import { Services } from '../services';
import { guard } from '../platform/errors';
import { dockerfileFixCommands } from './dockerfileFix';
import { explorerCommands, explorerInternalCommands, explorerTestCommands } from './explorer';
import { containerizeProject } from './containerize';
import { buildImage } from './buildImage';
import { runImage } from './runImage';
import { composeDownCommand, composeUpCommand } from './composeUp';
import { openJupyter } from './openJupyter';
import { checkImageImports } from './checkImports';
import { inTestMode } from '../platform/testMode';

export interface CommandSpec {
  /** `dsContainers.<area>.<verb>`; must match package.json `contributes.commands`. */
  id: string;
  /** Title used in error messages. */
  title: string;
  /** Builds, runs or otherwise executes project code: refused in an untrusted workspace. */
  needsTrust?: boolean;
  handler: (s: Services, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The one command table. Each handler lives in its own file in this folder. */
export const commandTable: CommandSpec[] = [
  ...explorerCommands,
  { id: 'dsContainers.project.containerize', title: 'Containerize Project…', needsTrust: true, handler: containerizeProject },
  { id: 'dsContainers.project.build', title: 'Build Image', needsTrust: true, handler: buildImage },
  { id: 'dsContainers.project.run', title: 'Run Image', needsTrust: true, handler: runImage },
  { id: 'dsContainers.compose.up', title: 'Compose Up', needsTrust: true, handler: composeUpCommand },
  { id: 'dsContainers.compose.down', title: 'Compose Down', needsTrust: true, handler: composeDownCommand },
  { id: 'dsContainers.project.openJupyter', title: 'Open Jupyter', needsTrust: true, handler: openJupyter },
  { id: 'dsContainers.project.checkImports', title: 'Check Image Imports', needsTrust: true, handler: checkImageImports },
];

/** Internal commands (not in contributes.commands), e.g. ids that code actions invoke. */
export const internalCommandTable: CommandSpec[] = [...dockerfileFixCommands, ...explorerInternalCommands];

/** Registered only when the editor suite runs the extension (ExtensionMode.Test): hooks for its assertions. */
export const testCommandTable: CommandSpec[] = [...explorerTestCommands];

export function registerCommands(s: Services): void {
  for (const c of [...commandTable, ...internalCommandTable, ...(inTestMode(s) ? testCommandTable : [])]) {
    const run = guard(s.log, c.title, (...args: unknown[]) => {
      if (c.needsTrust && !vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(
          `${c.title} is disabled in an untrusted workspace: it would build or run this folder's code. Trust the workspace to enable it.`,
        );
        return undefined;
      }
      return c.handler(s, ...args);
    });
    s.context.subscriptions.push(vscode.commands.registerCommand(c.id, run));
  }
}
