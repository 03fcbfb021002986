import * as vscode from 'vscode';
import type { ExplorerOptions } from '../../core/docker/types';

/** When our Dockerfile syntax diagnostics show (`dsContainers.dockerfile.diagnostics`). */
export type DiagnosticsMode = 'auto' | 'always' | 'never';

/**
 * Every `dsContainers.*` setting with the default package.json declares (a unit test holds them
 * equal). Read fresh on every call, so a change applies at once; core/ receives plain values,
 * never this module. Add a setting here and in package.json `contributes.configuration`.
 */
export const SETTINGS = {
  'docker.host': '',
  'docker.timeoutSeconds': 15,
  'dockerfile.diagnostics': 'auto' as DiagnosticsMode,
  'dockerfile.imageTagCompletion': true,
  'lint.enable': true,
  'lint.rules': {} as Record<string, string>,
  'explorer.images.groupBy': 'repository' as ExplorerOptions['imageGroupBy'],
  'explorer.images.sortBy': 'name' as ExplorerOptions['imageSortBy'],
  'explorer.containers.groupBy': 'composeProject' as ExplorerOptions['containerGroupBy'],
  'explorer.containers.sortBy': 'state' as ExplorerOptions['containerSortBy'],
  'build.inlineHints': true,
  'build.dataThresholdMB': 50,
  'lock.offerAfterBuild': true,
  'python.path': '',
  'requirements.exclude': [] as string[],
  'registries.added': [] as string[],
  'registries.hidden': [] as string[],
  'registries.offerPushAfterBuild': true,
};
export type SettingKey = keyof typeof SETTINGS;

/** A key, or the group in front of some keys ('docker' covers docker.host and docker.timeoutSeconds). */
export type SettingScope =
  | SettingKey
  | 'docker'
  | 'dockerfile'
  | 'lint'
  | 'explorer'
  | 'build'
  | 'lock'
  | 'python'
  | 'requirements'
  | 'registries';

/** One setting's value for a resource (a folder's or a file's own value may differ), or the default. */
export function setting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): (typeof SETTINGS)[K] {
  return vscode.workspace.getConfiguration('dsContainers', scope).get(key, SETTINGS[key]);
}

/** Changes a setting in the user's settings (not the workspace's): what our own commands remember. */
export function updateUserSetting<K extends SettingKey>(key: K, value: (typeof SETTINGS)[K]): Thenable<void> {
  return vscode.workspace.getConfiguration('dsContainers').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Sets one setting for this workspace (a choice the user made, such as "Don't Ask Again"). */
export function setWorkspaceSetting<K extends SettingKey>(key: K, value: (typeof SETTINGS)[K]): Thenable<void> {
  return vscode.workspace.getConfiguration('dsContainers').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Calls fn when a setting in `scope` (a key, or a group of keys) changes. */
export function onSettingChange(scope: SettingScope, fn: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`dsContainers.${scope}`)) fn();
  });
}

/** Opens the Settings editor at one of our settings. */
export function showSetting(key: SettingKey): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', `dsContainers.${key}`);
}

/** How the Images and Containers trees are grouped and sorted (dsContainers.explorer.*). */
export function explorerOptions(): ExplorerOptions {
  return {
    imageGroupBy: setting('explorer.images.groupBy'),
    imageSortBy: setting('explorer.images.sortBy'),
    containerGroupBy: setting('explorer.containers.groupBy'),
    containerSortBy: setting('explorer.containers.sortBy'),
  };
}

/** `dsContainers.lint.rules`: per-code severity or 'off' (a malformed value counts as none). */
export function ruleSeverities(): Record<string, string> {
  const v: unknown = setting('lint.rules');
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

/** `dsContainers.requirements.exclude` for a folder: distributions never written to requirements.txt. */
export function excludedRequirements(scope?: vscode.ConfigurationScope): string[] {
  const v: unknown = setting('requirements.exclude', scope);
  return Array.isArray(v) ? v.filter((n): n is string => typeof n === 'string') : [];
}
