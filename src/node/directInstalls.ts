// The local folders and URLs requirements.txt installs directly (core/requirements/directInstalls), read from the
// project: which folders are packages pip installs, and which imports they provide.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DirectProvided, directInstallsOf, importsOfFolder } from '../core/requirements/directInstalls';
import type { WalkResult } from './walk';

export interface ProjectDirectInstalls {
  /** Project folders requirements.txt installs (`./libs/mylib`, `-e ./libs/mylib`). */
  folders: string[];
  provided: DirectProvided;
}

/** Reads requirements.txt (and its includes) at `root`; `python`: the walk's Python files, to name the imports. */
export async function readDirectInstalls(root: string, python: readonly string[]): Promise<ProjectDirectInstalls> {
  const read = (f: string) => fs.readFile(path.join(root, f), 'utf8').catch(() => undefined);
  const found = await directInstallsOf('requirements.txt', read);
  const folders: string[] = [];
  const imports: string[] = [];
  for (const d of found) {
    if (!d.path) continue;
    const isDir = await fs.stat(path.join(root, d.path)).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) continue;
    folders.push(d.path);
    imports.push(...importsOfFolder(d.path, python));
  }
  const names = found.map((d) => d.name).filter((n): n is string => !!n);
  return { folders: [...new Set(folders)].sort(), provided: new DirectProvided(imports, names) };
}

/** Leaves the folders' files out of the scan: pip installs each with the dependencies its own metadata declares. */
export function leaveOutInstalled(walk: WalkResult, folders: readonly string[]): void {
  if (!folders.length) return;
  const outside = (f: string) => !folders.some((d) => f.startsWith(`${d}/`));
  walk.python = walk.python.filter(outside);
  walk.notebooks = walk.notebooks.filter(outside);
  walk.launchers = walk.launchers.filter(outside);
}
