// The explorer's view-level commands: refresh and retry, the engine status, the Project view's
// click target, and the editor suite's snapshot of the trees.
import * as vscode from 'vscode';
import type { CommandSpec } from '../services';
import { TreeNode } from '../../core/docker/tree';
import { showSetting } from '../platform/settings';
import { OPEN_SITE } from './nodeTree';

/** Images, Containers and Retry are one action: list again now, reconnecting if needed. */
const refreshDocker = (id: string, title: string): CommandSpec => ({
  id,
  title,
  handler: (s) => s.explorer.refresh.refresh(),
});

export const explorerCommands: CommandSpec[] = [
  refreshDocker('dsContainers.containers.refresh', 'Refresh Containers'),
  refreshDocker('dsContainers.images.refresh', 'Refresh Images'),
  refreshDocker('dsContainers.explorer.retry', 'Retry Connecting to Docker'),
  {
    id: 'dsContainers.project.refresh',
    title: 'Refresh Project',
    handler: (s) => {
      // The button asks for a new analysis, not the cached one.
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (folder) s.analyses.forget(folder.uri.fsPath);
      s.explorer.project.invalidate();
    },
  },
  {
    id: 'dsContainers.explorer.engineStatus',
    title: 'Docker Engine Status',
    handler: async (s) => {
      const ex = s.explorer;
      let where: string;
      try {
        const ep = s.engine.endpoint();
        where = `${ep.url} (from ${ep.source})`;
      } catch (e) {
        where = (e as Error).message;
      }
      const state = ex.model.state === 'live' ? 'connected' : (ex.model.reason ?? ex.model.state);
      const items = [
        { label: '$(refresh) Retry / Refresh', run: () => ex.refresh.refresh() },
        { label: '$(settings-gear) Set the Docker Endpoint…', run: () => showSetting('docker.host') },
        { label: '$(output) Show Log', run: async () => s.log.show() },
      ];
      const p = await vscode.window.showQuickPick(items, { title: `Docker: ${where}`, placeHolder: state });
      await p?.run();
    },
  },
  {
    // A click in the Project view: open the file at the import's line (notebooks open as notebooks).
    id: OPEN_SITE,
    title: 'Open Import Site',
    kind: 'internal',
    handler: async (_s, node?: TreeNode) => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!node?.open || !folder) return;
      const uri = vscode.Uri.joinPath(folder.uri, ...node.open.file.split('/'));
      if (node.open.file.endsWith('.ipynb')) {
        // The notebook with the evidence's cell selected and scrolled into view.
        const cell = node.open.cell ?? 0;
        const range = new vscode.NotebookRange(cell, cell + 1);
        await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri), {
          selections: [range],
        });
        vscode.window.activeNotebookEditor?.revealRange(
          range,
          vscode.NotebookEditorRevealType.InCenterIfOutsideViewport,
        );
        return;
      }
      const line = Math.max(0, node.open.line - 1);
      await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
    },
  },
  {
    // The trees as the views show them now: for the editor suite, which cannot read a view's DOM.
    id: 'dsContainers.explorer.snapshot',
    title: 'Explorer Snapshot',
    kind: 'test',
    handler: async (s) => {
      const ex = s.explorer;
      const images = await ex.images.current();
      const containers = await ex.containers.current();
      return {
        state: ex.model.state,
        reason: ex.model.reason,
        images,
        containers,
        project: await ex.project.current(),
      };
    },
  },
];
