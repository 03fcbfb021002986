import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { isDockerfileName } from '../../core/projectFiles';
import { BuildTarget, resolveTarget, targetOf } from '../platform/target';

/**
 * The project a lock command is about: a requirements.txt / requirements.lock (CodeLens, editor) or
 * a folder means the Dockerfile beside it; the Project view's lock row means its project; otherwise
 * the Build command's rules (a Dockerfile, the active one, the one at the workspace root).
 */
export async function lockTarget(arg: unknown): Promise<BuildTarget> {
  const file =
    arg instanceof vscode.Uri
      ? arg.fsPath
      : typeof arg === 'string'
        ? arg
        : arg === undefined
          ? activeFile()
          : undefined;
  const folder = vscode.workspace.workspaceFolders?.[0];
  let t: BuildTarget;
  if (file && !isDockerfileName(file) && fs.statSync(file, { throwIfNoEntry: false })?.isFile())
    t = targetOf(path.join(path.dirname(file), 'Dockerfile'));
  else if (arg && typeof arg === 'object' && 'id' in arg && folder) {
    // The Project view's lock row: `lock` for the workspace folder, `REL/lock` under a project's node.
    const rel = String((arg as { id: unknown }).id).replace(/\/?lock$/, '');
    t = targetOf(path.join(folder.uri.fsPath, ...rel.split('/').filter(Boolean), 'Dockerfile'));
  } else t = await resolveTarget(file ?? arg);
  if (!fs.existsSync(t.dockerfile))
    throw new Error(`no Dockerfile in ${t.dir}: run "Containerize Project…" to write one, then lock`);
  return t;
}

/** The active editor's file when it is a requirements file (the lock is about its folder). */
function activeFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.uri.scheme === 'file' && /requirements[^/\\]*\.(txt|lock)$/.test(doc.fileName) ? doc.fileName : undefined;
}
