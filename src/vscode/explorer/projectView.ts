import * as vscode from 'vscode';
import { projectTree } from '../../core/projectTree';
import { TreeNode } from '../../core/docker/tree';
import { Log } from '../platform/log';
import { PythonInterpreters } from '../platform/python';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { NodeTreeProvider } from './nodeTree';
import { ProjectAnalyses } from '../platform/analyses';

/**
 * The Project view: the first workspace folder's analysis (the one Containerize and drift share), shown on
 * demand (first shown, refresh button, and a while after a file the analysis read changes, when visible).
 */
export function createProjectView(
  log: Log,
  python: PythonInterpreters,
  analyses: ProjectAnalyses,
): { provider: NodeTreeProvider; view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  const provider = new NodeTreeProvider(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return [];
    const started = Date.now();
    const interpreter = await python.forResource(folder.uri);
    const analysis = await Promise.resolve(
      vscode.window.withProgress({ location: { viewId: 'dsContainers.project' } }, () =>
        analyses.get(folder.uri.fsPath),
      ),
    ).catch((e: Error) => {
      log.error(`project analysis failed: ${e.stack ?? e.message}`);
      return undefined;
    });
    if (!analysis)
      return [
        { id: 'error', kind: 'info' as const, label: 'The analysis failed', description: 'see the log', icon: 'error' },
      ];
    log.debug(`project analysed in ${Date.now() - started} ms: ${analysis.requirements.length} packages`);
    const nodes = projectTree(analysis);
    // The header says whose versions these are: they differ between interpreters.
    nodes[0] = { ...nodes[0], tooltip: `${nodes[0].tooltip ?? ''}\nInterpreter: ${describeInterpreter(interpreter)}` };
    return nodes;
  });
  const view = vscode.window.createTreeView('dsContainers.project', {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  let timer: NodeJS.Timeout | undefined;
  let stale = false;
  // When hidden, the next show refreshes; when shown, a short delay lets a burst of changes settle.
  const later = () => {
    if (!view.visible) {
      stale = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => provider.invalidate(), 1500);
  };
  const disposables = [
    provider,
    view,
    // The shared analysis is out of date (a file it read changed, or the interpreter did).
    analyses.onDidChange((root) => {
      if (root === vscode.workspace.workspaceFolders?.[0]?.uri.fsPath) later();
    }),
    view.onDidChangeVisibility(() => {
      if (view.visible && stale) {
        stale = false;
        provider.invalidate();
      }
    }),
    { dispose: () => clearTimeout(timer) },
  ];
  return { provider, view, disposables };
}
