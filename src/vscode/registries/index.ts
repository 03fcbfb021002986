import * as vscode from 'vscode';
import type { BaseServices } from '../services';
import { RegistriesProvider } from './tree';
import { BrowseCredentials } from './secrets';
import { offerPushAfterBuild } from './offerPush';

/** Creates the Registries view; its provider is what the registry commands refresh. */
export function registerRegistries(s: BaseServices): RegistriesProvider {
  const provider = new RegistriesProvider(s.log, new BrowseCredentials(s.context.secrets));
  const view = vscode.window.createTreeView('dsContainers.registries', {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  s.context.subscriptions.push(
    provider,
    view,
    // After Build Image and Containerize: the push offer (buildRun/ does not import registries/ for it).
    s.buildRun.onDidBuild(
      (e) => e.offer && e.target && e.outcome && offerPushAfterBuild(s, e.target.tag, e.target.dir, e.outcome),
    ),
  );
  return provider;
}
