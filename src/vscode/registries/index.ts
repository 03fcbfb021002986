import * as vscode from 'vscode';
import type { Services } from '../services';
import { RegistriesProvider } from './tree';
import { BrowseCredentials } from './secrets';

/** Creates the Registries view; its provider is what the registry commands refresh. */
export function registerRegistries(s: Services): RegistriesProvider {
  const provider = new RegistriesProvider(s.log, new BrowseCredentials(s.context.secrets));
  const view = vscode.window.createTreeView('dsContainers.registries', {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  s.context.subscriptions.push(provider, view);
  return provider;
}

/** The view's provider, for the commands (they run only after registerRegistries). */
export function registriesOf(s: Services): RegistriesProvider {
  if (!s.registries) throw new Error('the Registries view is not available');
  return s.registries;
}
