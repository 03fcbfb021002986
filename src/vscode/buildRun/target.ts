import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { defaultTag } from '../../core/docker/tag';
import { COMPOSE_FILE_NAMES, isDockerfileName } from '../../core/projectFiles';
import { UserCancelled } from '../platform/errors';

/** A Dockerfile to build, with its context folder and default tag. */
export interface BuildTarget {
  dockerfile: string;
  dir: string;
  /** Relative to dir. */
  dockerfileName: string;
  tag: string;
}

export function targetOf(dockerfile: string): BuildTarget {
  const dir = path.dirname(dockerfile);
  return { dockerfile, dir, dockerfileName: path.basename(dockerfile), tag: defaultTag(path.basename(dir)) };
}

/**
 * The Dockerfile a command is about: the argument (a Dockerfile or a folder Uri, or a path),
 * else the active Dockerfile editor, else the one Dockerfile at a workspace folder's root
 * (a quick pick when there are several).
 */
export async function resolveTarget(arg: unknown): Promise<BuildTarget> {
  const p =
    arg instanceof vscode.Uri
      ? arg.fsPath
      : typeof arg === 'string'
        ? arg
        : (arg as { fsPath?: string } | undefined)?.fsPath;
  if (p) {
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return targetOf(path.join(p, 'Dockerfile'));
    return targetOf(p);
  }
  const active = vscode.window.activeTextEditor?.document;
  if (active && active.uri.scheme === 'file' && isDockerfileName(active.fileName)) return targetOf(active.fileName);
  const found = (vscode.workspace.workspaceFolders ?? [])
    .map((f) => path.join(f.uri.fsPath, 'Dockerfile'))
    .filter((f) => fs.existsSync(f));
  if (found.length === 1) return targetOf(found[0]);
  if (!found.length) throw new Error('no Dockerfile found: open one, or run "Containerize Project…" to write one');
  const pick = await vscode.window.showQuickPick(
    found.map((f) => ({ label: vscode.workspace.asRelativePath(f), f })),
    { placeHolder: 'Which Dockerfile?' },
  );
  if (!pick) throw new UserCancelled();
  return targetOf(pick.f);
}

/** The compose file next to a Dockerfile, if any. */
export function composeFileFor(dir: string): string | undefined {
  return COMPOSE_FILE_NAMES.map((f) => path.join(dir, f)).find((f) => fs.existsSync(f));
}
