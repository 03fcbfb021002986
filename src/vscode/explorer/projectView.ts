import * as vscode from 'vscode';
import { analyzeProject } from '../../node/analyze';
import { projectTree } from '../../core/projectTree';
import { TreeNode } from '../../core/docker/tree';
import { Log } from '../platform/log';
import { PythonInterpreters } from '../platform/python';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { NodeTreeProvider } from './nodeTree';
import { COMPOSE_FILE_NAMES } from '../../core/projectFiles';
import { excludedRequirements } from '../platform/settings';

/**
 * The Project view: the first workspace folder analysed on demand (first shown, refresh button,
 * and a while after Python, notebook or container files change, when visible).
 */
export function createProjectView(
  log: Log,
  python: PythonInterpreters,
): { provider: NodeTreeProvider; view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  let running: AbortController | undefined;
  const provider = new NodeTreeProvider(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return [];
    running?.abort(); // a newer refresh wins
    const ac = (running = new AbortController());
    const started = Date.now();
    const interpreter = await python.forResource(folder.uri);
    const analysis = await Promise.resolve(
      vscode.window.withProgress({ location: { viewId: 'dsContainers.project' } }, () =>
        analyzeProject(folder.uri.fsPath, {
          signal: ac.signal,
          python: interpreter.command,
          exclude: excludedRequirements(folder.uri),
        }),
      ),
    ).catch((e: Error) => {
      if (!ac.signal.aborted) log.error(`project analysis failed: ${e.stack ?? e.message}`);
      return undefined;
    });
    if (!analysis)
      return [
        {
          id: 'error',
          kind: 'info' as const,
          label: ac.signal.aborted ? 'Analysis restarted…' : 'The analysis failed',
          description: ac.signal.aborted ? undefined : 'see the log',
          icon: 'error',
        },
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
  const watcher = vscode.workspace.createFileSystemWatcher(
    `**/{*.py,*.ipynb,requirements*.txt,Dockerfile,${COMPOSE_FILE_NAMES.join(',')},.dockerignore,pyproject.toml}`,
  );
  const disposables = [
    provider,
    view,
    watcher,
    python.onDidChange(later),
    watcher.onDidChange(later),
    watcher.onDidCreate(later),
    watcher.onDidDelete(later),
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
