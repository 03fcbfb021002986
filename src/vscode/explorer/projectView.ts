import * as vscode from 'vscode';
import { lockNode, projectTree } from '../../core/projectTree';
import { TreeNode } from '../../core/docker/tree';
import { Log } from '../platform/log';
import { PythonInterpreters } from '../platform/python';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { NodeTreeProvider } from './nodeTree';
import * as path from 'path';
import { ProjectAnalysis } from '../../core/project';
import { ProjectAnalyses } from '../platform/analyses';
import { LOCK_FILE } from '../../core/projectFiles';
import { projectTag } from '../../node/projectTag';
import { lockStatus } from '../../node/lock';
import { EngineProvider } from '../platform/engine';
import type { BuildRunState } from '../buildRun/state';
import { workspaceProjects } from '../platform/projects';
import { targetOf } from '../platform/target';
import { formatSize } from '../../core/docker/format';

// The lock row waits this long for Docker (a probe runs a container once per new image), then says it
// compared requirements.txt only.
const LOCK_STATE_MS = 10000;

/** The lock's state for a project folder; Docker slow or away: without the image. */
function lockRow(engine: EngineProvider, dir: string): Promise<TreeNode> {
  const tag = projectTag(dir);
  const alone = () => lockStatus(undefined, dir, tag);
  const withImage = lockStatus(engine.get(), dir, tag).catch(alone);
  const late = new Promise<Awaited<typeof withImage>>((r) => setTimeout(() => r(alone()), LOCK_STATE_MS).unref());
  return Promise.race([withImage, late]).then(lockNode);
}

/**
 * The project's image and its size, once built (the engine asked for at most 3 s); the inline action and the
 * tooltip lead to Explain Image Size (the size advisor). Undefined while there is no image or no answer.
 */
async function imageSizeRow(engine: EngineProvider, dir: string): Promise<TreeNode | undefined> {
  const { tag } = targetOf(path.join(dir, 'Dockerfile'));
  const late = new Promise<undefined>((r) => setTimeout(() => r(undefined), 3000).unref());
  const image = await Promise.race([engine.get().imageSummary(tag), late]).catch(() => undefined);
  if (!image) return undefined;
  return {
    id: 'image-size',
    kind: 'info',
    label: 'Image size',
    description: `${formatSize(image.size)} · ${tag}`,
    tooltip:
      `${tag} is ${formatSize(image.size)}. Explain Image Size lists its largest layers and installed packages, ` +
      'and what would make it smaller.',
    icon: 'database',
    contextValue: 'imageSize',
  };
}

/** A project's node placed under its folder's node: ids stay unique, clicks open the right file. */
function underProject(n: TreeNode, rel: string, dir: string): TreeNode {
  return {
    ...n,
    id: `${rel}/${n.id}`,
    project: dir,
    open: n.open ? { ...n.open, file: rel ? `${rel}/${n.open.file}` : n.open.file } : undefined,
    children: n.children?.map((c) => underProject(c, rel, dir)),
  };
}

/** Every row of a project's tree knows its project, so a command run on any of them acts on that one. */
function ofProject(n: TreeNode, dir: string): TreeNode {
  return { ...n, project: dir, children: n.children?.map((c) => ofProject(c, dir)) };
}

/**
 * The Project view: each project of the workspace (a node per project when there are several), from the one
 * analysis per project that Containerize and the drift diagnostics share, shown on demand (first shown,
 * refresh button, and a while after a file an analysis read changes, when visible).
 */
export function createProjectView(
  log: Log,
  python: PythonInterpreters,
  engine: EngineProvider,
  buildRun: BuildRunState,
  analyses: ProjectAnalyses,
): { provider: NodeTreeProvider; view: vscode.TreeView<TreeNode>; disposables: vscode.Disposable[] } {
  const provider = new NodeTreeProvider(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return [];
    const started = Date.now();
    // Each project on its own (core/projects.ts decides which folders are projects, as for Containerize and the CLI).
    const projects = await workspaceProjects();
    const trees = await Promise.all(
      projects.map(async (dir) => {
        const lock = lockRow(engine, dir);
        const imageSize = imageSizeRow(engine, dir);
        const interpreter = await python.forResource(vscode.Uri.file(dir));
        const analysis = await Promise.resolve(
          vscode.window.withProgress({ location: { viewId: 'dsContainers.project' } }, () => analyses.get(dir)),
        ).catch((e: Error) => {
          log.error(`project analysis of ${dir} failed: ${e.stack ?? e.message}`);
          return undefined;
        });
        if (!analysis)
          return {
            dir,
            nodes: [
              {
                id: 'error',
                kind: 'info' as const,
                label: 'The analysis failed',
                description: 'see the log',
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
        const size = await imageSize;
        if (size) nodes.splice(2, 0, size);
        // A failed build keeps its way back here: the failure's notification may be long gone.
        const failure = buildRun.lastFailure(path.join(dir, 'Dockerfile'));
        if (failure)
          nodes.splice(1, 0, {
            id: 'build-failed',
            kind: 'info',
            label: 'Last build failed',
            description: failure,
            tooltip: `${failure}\nRetry builds the Dockerfile again.`,
            icon: 'error',
            contextValue: 'buildFailed',
          });
        return { dir, nodes, analysis };
      }),
    );
    // No code anywhere: an empty view, whose welcome content offers Containerize and the walkthrough.
    const noCode = (a?: ProjectAnalysis) =>
      !!a && !a.entry && !a.notebooks.length && !a.localModules.length && !a.requirements.length;
    if (trees.every((t) => noCode(t.analysis))) return [];
    const rel = (dir: string) => path.relative(folder.uri.fsPath, dir).split(path.sep).join('/');
    if (trees.length === 1 && !rel(trees[0].dir)) return trees[0].nodes.map((n) => ofProject(n, trees[0].dir));
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
        project: dir,
        description: analysis ? `${analysis.mode} · container files ${files ?? ''}` : undefined,
        tooltip: dir,
        children: nodes.map((n) => underProject(n, r, dir)),
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
  // The lock row follows the lock file and the builds; the rest follows the shared analysis.
  const lockWatcher = vscode.workspace.createFileSystemWatcher(`**/${LOCK_FILE}`);
  const disposables = [
    provider,
    view,
    lockWatcher,
    // An analysis is out of date (a file it read changed, the interpreter or the exclude setting did).
    analyses.onDidChange(later),
    buildRun.onDidBuild(later),
    lockWatcher.onDidChange(later),
    lockWatcher.onDidCreate(later),
    lockWatcher.onDidDelete(later),
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
