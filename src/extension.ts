import * as vscode from 'vscode';
import { createLog } from './vscode/platform/log';
import { Services } from './vscode/services';
import { registerCommands } from './vscode/commands/register';

/** The composition root: build the services, register everything, nothing else. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  const services: Services = { context, log };
  registerCommands(services);
}

export function deactivate(): void {}
