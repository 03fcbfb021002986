import * as vscode from 'vscode';
import { ExplorerModel } from '../../node/explorer/live';
import { containerTree, imageTree, TreeNode } from '../../core/docker/tree';
import { BaseServices } from '../services';
import { explorerOptions } from '../platform/settings';
import { Explorer } from './explorer';
import { NodeTreeProvider } from './nodeTree';
import { RefreshManager } from './refresh';
import { InspectDocuments, INSPECT_SCHEME } from './inspectDocs';
import { createProjectView } from './projectView';

/** Creates the Images, Containers and Project views in our activity-bar container. */
export function registerExplorer(s: BaseServices): Explorer {
  const model = new ExplorerModel(() => s.engine.get());
  const shown = (build: () => TreeNode[]) => () =>
    model.state === 'unreachable' || model.state === 'error' ? [] : build();
  const images = new NodeTreeProvider(shown(() => imageTree(model.images ?? [], explorerOptions(), Date.now() / 1000)));
  const containers = new NodeTreeProvider(shown(() => containerTree(model.containers ?? [], explorerOptions())));
  const imagesView = vscode.window.createTreeView('dsContainers.images', {
    treeDataProvider: images,
    showCollapseAll: true,
  });
  const containersView = vscode.window.createTreeView('dsContainers.containers', {
    treeDataProvider: containers,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const refresh = new RefreshManager(model, s.engine, s.log, { images, containers }, [imagesView, containersView]);
  const project = createProjectView(s.log, s.python, s.engine, s.buildRun, s.analyses);
  const inspect = new InspectDocuments(s.engine);
  s.context.subscriptions.push(
    images,
    containers,
    imagesView,
    containersView,
    refresh,
    inspect,
    ...project.disposables,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, inspect),
    { dispose: () => model.dispose() },
  );
  return { model, images, containers, project: project.provider, refresh, inspect };
}

/** Runs fn with a progress bar on the view. */
export function inView<T>(viewId: string, fn: () => Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId } }, fn));
}
