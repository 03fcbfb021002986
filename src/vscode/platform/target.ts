import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { projectTag } from '../../node/projectTag';
import { COMPOSE_FILE_NAMES, isDockerfileName } from '../../core/projectFiles';
import { UserCancelled } from './errors';
import { workspaceProjects } from './projects';

/** A Dockerfile to build, with its context folder and tag (its `# Build:` comment's, else the folder's). */
export interface BuildTarget {
  dockerfile: string;
  dir: string;
  /** Relative to dir. */
  dockerfileName: string;
  tag: string;
}

export function targetOf(dockerfile: string): BuildTarget {
  const dir = path.dirname(dockerfile);
  return { dockerfile, dir, dockerfileName: path.basename(dockerfile), tag: projectTag(dir, dockerfile) };
}

/**
 * The path an argument names: a Uri or a path, a Project-view row (the project it belongs to), or
 * Containerize's options (their folder).
 */
export function pathOfArg(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  if (typeof arg === 'string') return arg;
  const a = arg as { fsPath?: string; project?: string; folder?: string | vscode.Uri } | undefined;
  const folder = a?.folder instanceof vscode.Uri ? a.folder.fsPath : a?.folder;
  return a?.fsPath ?? a?.project ?? folder;
}

/**
 * The project folder a command is about, Dockerfile or not: the argument's, else the deepest project holding
 * the active file, else the workspace's only project; undefined when that does not tell.
 */
export async function projectOf(arg: unknown): Promise<string | undefined> {
  const p = pathOfArg(arg);
  if (p) return fs.existsSync(p) && fs.statSync(p).isDirectory() ? p : path.dirname(p);
  const projects = await workspaceProjects();
  const file = activeFile();
  const mine = file ? deepestHolding(projects, file) : undefined;
  return mine ?? (projects.length === 1 ? projects[0] : undefined);
}

function activeFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.uri.scheme === 'file' ? doc.fileName : vscode.window.activeNotebookEditor?.notebook.uri.fsPath;
}

const deepestHolding = (dirs: readonly string[], file: string) =>
  dirs.filter((d) => file.startsWith(d + path.sep)).sort((a, b) => b.length - a.length)[0];

/**
 * The Dockerfile a command is about: the argument (a Dockerfile, a folder, a Project-view row), else
 * the active Dockerfile editor, else the project of the active file (a script or notebook of it),
 * else the one project with a Dockerfile (a quick pick "Which project?" when there are several).
 */
export async function resolveTarget(arg: unknown): Promise<BuildTarget> {
  const p = pathOfArg(arg);
  if (p) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return targetOf(path.join(p, 'Dockerfile'));
    return targetOf(p);
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && isDockerfileName(active.fileName)) return targetOf(active.fileName);
  const roots = (vscode.workspace.workspaceFolders ?? [])
    .filter((f) => f.uri.scheme === 'file')
    .map((f) => f.uri.fsPath);
  // A Dockerfile at the one workspace root with one comes first, as it always did (Lock, Build from the palette).
  const atRoot = roots.map((d) => path.join(d, 'Dockerfile')).filter((f) => fs.existsSync(f));
  if (atRoot.length === 1) return targetOf(atRoot[0]);
  const found = [...new Set([...roots, ...(await workspaceProjects())])]
    .map((d) => path.join(d, 'Dockerfile'))
    .filter((f) => fs.existsSync(f));
  const file = activeFile();
  // The deepest project holding the file being edited: its Dockerfile, whatever else the workspace has.
  const mineDir = file
    ? deepestHolding(
        found.map((f) => path.dirname(f)),
        file,
      )
    : undefined;
  const mine = mineDir && path.join(mineDir, 'Dockerfile');
  if (mine) return targetOf(mine);
  if (found.length === 1) return targetOf(found[0]);
  if (!found.length) throw new Error('no project here has a Dockerfile yet: run "Containerize Project…" to write one');
  const pick = await vscode.window.showQuickPick(
    found.map((f) => ({ label: path.basename(path.dirname(f)), description: vscode.workspace.asRelativePath(f), f })),
    { placeHolder: 'Which project?' },
  );
  if (!pick) throw new UserCancelled();
  return targetOf(pick.f);
}

/** The compose file next to a Dockerfile, if any. */
export function composeFileFor(dir: string): string | undefined {
  return COMPOSE_FILE_NAMES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}
