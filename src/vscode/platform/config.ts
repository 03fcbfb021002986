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

/** How the Images and Containers trees are grouped and sorted (dsContainers.explorer.*). */
export function explorerOptions(): import('../../core/docker/types').ExplorerOptions {
  const c = section();
  return {
    imageGroupBy: c.get('explorer.images.groupBy', 'repository'),
    imageSortBy: c.get('explorer.images.sortBy', 'name'),
    containerGroupBy: c.get('explorer.containers.groupBy', 'composeProject'),
    containerSortBy: c.get('explorer.containers.sortBy', 'state'),
  };
}
