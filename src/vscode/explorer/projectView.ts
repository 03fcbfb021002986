import * as vscode from 'vscode';
import { analyzeProject } from '../../node/analyze';
import { lockNode, projectTree } from '../../core/projectTree';
import { TreeNode } from '../../core/docker/tree';
import { Log } from '../platform/log';
import { PythonInterpreters } from '../platform/python';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { NodeTreeProvider } from './nodeTree';
import * as path from 'path';
import { ProjectAnalysis } from '../../core/project';
import { COMPOSE_FILE_NAMES, LOCK_FILE } from '../../core/projectFiles';
import { defaultTag } from '../../core/docker/tag';
import { lockStatus } from '../../node/lock';
import { EngineProvider } from '../platform/engine';
import type { BuildRunState } from '../buildRun/state';
import { excludedRequirements } from '../platform/settings';
import { workspaceProjects } from '../platform/projects';

// The lock row waits this long for Docker (a probe runs a container once per new image), then says it
// compared requirements.txt only.
const LOCK_STATE_MS = 10000;

/** The lock's state for a project folder; Docker slow or away: without the image. */
function lockRow(engine: EngineProvider, dir: string): Promise<TreeNode> {
  const tag = defaultTag(path.basename(dir));
  const alone = () => lockStatus(undefined, dir, tag);
  const withImage = lockStatus(engine.get(), dir, tag).catch(alone);
  const late = new Promise<Awaited<typeof withImage>>((r) => setTimeout(() => r(alone()), LOCK_STATE_MS).unref());
  return Promise.race([withImage, late]).then(lockNode);
}

/** A project's node placed under its folder's node: ids stay unique, clicks open the right file. */
function underProject(n: TreeNode, rel: string): TreeNode {
  return {
    ...n,
    id: `${rel}/${n.id}`,
    open: n.open ? { ...n.open, file: rel ? `${rel}/${n.open.file}` : n.open.file } : undefined,
    children: n.children?.map((c) => underProject(c, rel)),
  };
}

/**
 * The Project view: each project of the workspace (a node per project when there are several)
 * analysed on demand (first shown, refresh button, and a while after Python, notebook or container
 * files change, when visible).
 */
export function createProjectView(
  log: Log,
  python: PythonInterpreters,
  engine: EngineProvider,
  buildRun: BuildRunState,
): { provider: NodeTreeProvider; view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  let running: AbortController | undefined;
  const provider = new NodeTreeProvider(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return [];
    running?.abort(); // a newer refresh wins
    const ac = (running = new AbortController());
    const started = Date.now();
    // Each project on its own (core/projects.ts decides which folders are projects, as for Containerize and the CLI).
    const projects = await workspaceProjects();
    const trees = await Promise.all(
      projects.map(async (dir) => {
        const lock = lockRow(engine, dir);
        const interpreter = await python.forResource(vscode.Uri.file(dir));
        const analysis = await Promise.resolve(
          vscode.window.withProgress({ location: { viewId: 'dsContainers.project' } }, () =>
            analyzeProject(dir, {
              signal: ac.signal,
              python: interpreter.command,
              exclude: excludedRequirements(vscode.Uri.file(dir)),
            }),
          ),
        ).catch((e: Error) => {
          if (!ac.signal.aborted) log.error(`project analysis of ${dir} failed: ${e.stack ?? e.message}`);
          return undefined;
        });
        if (!analysis)
          return {
            dir,
            nodes: [
              {
                id: 'error',
                kind: 'info' as const,
                label: ac.signal.aborted ? 'Analysis restarted…' : 'The analysis failed',
                description: ac.signal.aborted ? undefined : 'see the log',
                icon: 'error',
              },
            ],
          };
        log.debug(`project ${dir} analysed in ${Date.now() - started} ms: ${analysis.requirements.length} packages`);
        const nodes = projectTree(analysis);
        // The header says whose versions these are: they differ between interpreters.
        nodes[0] = {
          ...nodes[0],
          tooltip: `${nodes[0].tooltip ?? ''}\nInterpreter: ${describeInterpreter(interpreter)}`,
        };
        nodes.splice(1, 0, await lock);
        return { dir, nodes, analysis };
      }),
    );
    // No code anywhere: an empty view, whose welcome content offers Containerize and the walkthrough.
    const noCode = (a?: ProjectAnalysis) =>
      !!a && !a.entry && !a.notebooks.length && !a.localModules.length && !a.requirements.length;
    if (trees.every((t) => noCode(t.analysis))) return [];
    const rel = (dir: string) => path.relative(folder.uri.fsPath, dir).split(path.sep).join('/');
    if (trees.length === 1 && !rel(trees[0].dir)) return trees[0].nodes;
    // Several projects (or one in a subfolder): one node per project, its tree below,
    // its clicks relative to the workspace folder.
    return trees.map(({ dir, nodes, analysis }) => {
      const r = rel(dir);
      const files = nodes.find((n) => n.id === 'group:scaffold')?.description;
      return {
        id: `project:${r}`,
        kind: 'group' as const,
        label: path.basename(dir),
        icon: 'folder',
        expanded: true,
        contextValue: 'project',
        description: analysis ? `${analysis.mode} · container files ${files ?? ''}` : undefined,
        tooltip: dir,
        children: nodes.map((n) => underProject(n, r)),
      };
    });
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
    `**/{*.py,*.ipynb,requirements*.txt,${LOCK_FILE},Dockerfile,${COMPOSE_FILE_NAMES.join(',')},` +
      '.dockerignore,pyproject.toml}',
  );
  const disposables = [
    provider,
    view,
    watcher,
    python.onDidChange(later),
    buildRun.onDidBuild(later),
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
