import * as vscode from 'vscode';
import type { CommandSpec, Services } from './services';
import { guard } from './platform/errors';
import { inTestMode } from './platform/testMode';
import { containerCommands } from './explorer/containerCommands';
import { imageCommands } from './explorer/imageCommands';
import { explorerCommands } from './explorer/explorerCommands';
import { buildRunCommands } from './buildRun/commands';
import { dockerfileFixCommands } from './language/dockerfile/fixCommands';
import { developCommands } from './develop/commands';
import { registryCommands } from './registries/commands';
import { kubernetesCommands } from './kubernetes/commands';
import { lockCommands } from './lock/commands';
import { offerTestCommands } from './platform/offers';

/**
 * The one command table: every command of every feature, each defined beside its feature.
 * Entries without a `kind` are exactly package.json's `contributes.commands` (the editor suite checks).
 */
export const commandTable: CommandSpec[] = [
  ...containerCommands,
  ...imageCommands,
  ...explorerCommands,
  ...buildRunCommands,
  ...dockerfileFixCommands,
  ...developCommands,
  ...registryCommands,
  ...kubernetesCommands,
  ...lockCommands,
  ...offerTestCommands,
];

/** Registers the table behind the one error boundary; trust-needing commands refuse in an untrusted workspace. */
export function registerCommands(s: Services): void {
  for (const c of commandTable) {
    if (c.kind === 'test' && !inTestMode(s)) continue;
    const run = guard(s.log, c.title, (...args: unknown[]) => {
      if (c.needsTrust && !vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(
          `${c.title} is disabled in an untrusted workspace: it would build or run this folder's code. ` +
            'Trust the workspace to enable it.',
        );
        return undefined;
      }
      return c.handler(s, ...args);
    });
    s.context.subscriptions.push(vscode.commands.registerCommand(c.id, run));
  }
}
