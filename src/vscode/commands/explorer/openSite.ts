import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';

/** A click in the Project view: open the file at the import's line (notebooks open as notebooks). */
export const openSite: CommandSpec = {
  id: 'dsContainers.project.openSite',
  title: 'Open Import Site',
  handler: async (_s, node?: TreeNode) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!node?.open || !folder) return;
    const uri = vscode.Uri.joinPath(folder.uri, ...node.open.file.split('/'));
    if (node.open.file.endsWith('.ipynb')) {
      await vscode.commands.executeCommand('vscode.open', uri);
      return;
    }
    const line = Math.max(0, node.open.line - 1);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(line, 0, line, 0), preview: true });
  },
};
