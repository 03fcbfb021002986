import * as vscode from 'vscode';
import { projectFolders } from '../../node/projects';

/**
 * The workspace's project folders (every workspace folder's; core/projects.ts decides),
 * for Containerize, the Project view and Open Jupyter.
 */
export async function workspaceProjects(): Promise<string[]> {
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  return (await Promise.all(roots.map((r) => projectFolders(r)))).flat();
}
