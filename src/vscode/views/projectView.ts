import * as vscode from 'vscode';
import { analyzeProject } from '../../node/analyze';
import { projectTree } from '../../core/projectTree';
import { TreeNode } from '../../core/docker/tree';
import { Log } from '../platform/log';
import { NodeTreeProvider } from './nodeTree';

/**
 * The Project view: the first workspace folder analysed on demand (first shown, refresh button,
 * and a while after Python, notebook or container files change, when visible).
 */
export function createProjectView(log: Log): { provider: NodeTreeProvider; view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  let running: AbortController | undefined;
  const provider = new NodeTreeProvider(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return [];
    running?.abort(); // a newer refresh wins
    const ac = (running = new AbortController());
    const started = Date.now();
    const analysis = await Promise.resolve(vscode.window.withProgress({ location: { viewId: 'dsContainers.project' } },
      () => analyzeProject(folder.uri.fsPath, { signal: ac.signal }))).catch((e: Error) => {
      if (!ac.signal.aborted) log.error(`project analysis failed: ${e.stack ?? e.message}`);
      return undefined;
    });
    if (!analysis) return [{ id: 'error', kind: 'info' as const, label: ac.signal.aborted ? 'Analysis restarted…' : 'The analysis failed', description: ac.signal.aborted ? undefined : 'see the log', icon: 'error' }];
    log.debug(`project analysed in ${Date.now() - started} ms: ${analysis.requirements.length} packages`);
    return projectTree(analysis);
  });
  const view = vscode.window.createTreeView('dsContainers.project', { treeDataProvider: provider, showCollapseAll: true });
  let timer: NodeJS.Timeout | undefined;
  let stale = false;
  const later = () => {
    if (!view.visible) {
      stale = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => provider.invalidate(), 1500);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{*.py,*.ipynb,requirements*.txt,Dockerfile,compose.yaml,docker-compose.yml,.dockerignore,pyproject.toml}');
  const disposables = [provider, view, watcher, watcher.onDidChange(later), watcher.onDidCreate(later), watcher.onDidDelete(later),
    view.onDidChangeVisibility(() => {
      if (view.visible && stale) {
        stale = false;
        provider.invalidate();
      }
    }),
    { dispose: () => clearTimeout(timer) }];
  return { provider, view, disposables };
}
