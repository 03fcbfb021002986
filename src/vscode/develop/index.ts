import * as vscode from 'vscode';
import type { Services } from '../services';
import { DEV_CONTAINERS_EXTENSION_ID } from '../../core/extensionIds';
import { JupyterServers, registerJupyterKernels } from './jupyterKernels';
import { registerDevcontainerLint } from './devcontainerLint';

/** Develop inside the container: kernel-picker servers, devcontainer.json lint, the Dev Containers context key. */
export function registerDevelop(s: Services): void {
  const servers = new JupyterServers(s);
  s.context.subscriptions.push(servers);
  registerJupyterKernels(s, servers);
  registerDevcontainerLint(s);
  // Menus offer "Reopen in Container" only when Dev Containers is there, "Develop in the Container…" otherwise.
  const sync = () =>
    void vscode.commands.executeCommand(
      'setContext',
      'dsContainers.devContainersInstalled',
      !!vscode.extensions.getExtension(DEV_CONTAINERS_EXTENSION_ID),
    );
  sync();
  s.context.subscriptions.push(vscode.extensions.onDidChange(sync));
}
