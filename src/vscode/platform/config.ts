import * as vscode from 'vscode';

/**
 * Typed access to our settings, read fresh on every call so a change applies at once.
 * Each area adds its getters here; core/ receives plain values, never this module.
 */
export function section(scope?: vscode.ConfigurationScope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('dsContainers', scope);
}

export function onConfigChange(key: string, fn: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`dsContainers.${key}`)) fn();
  });
}
