// A project folder may hold another project that declares its own requirements (python-tutorial's
// 0x_advanced/ with its own environment.yml beside the tutorial's binder/environment.yml): its imports and
// pins are not the outer project's, so the outer scan leaves its files out and says so (issue 26's trial).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DECLARED_FILES, PROJECT_PARTS } from '../core/projects';
import { namedRequirementFiles } from './namedRequirements';
import type { ScanWarning } from '../core/project';
import { projectFolders } from './projects';
import type { WalkResult } from './walk';

/**
 * Drops the files of nested projects from `walk` (in place); one warning per nested project. `installed`: folders
 * requirements.txt installs (`-e ./libs/mylib`), which are packages of this project, not projects of their own.
 */
export async function leaveOutNested(
  root: string,
  walk: WalkResult,
  installed: readonly string[] = [],
): Promise<ScanWarning[]> {
  const projects = await projectFolders(root).catch(() => [] as string[]);
  if (!projects.includes(root)) return []; // not itself a project: nothing is nested in it
  const nested: string[] = [];
  // src/, app/… and a folder whose requirements the README or devcontainer installs are this project's own parts.
  const named = await namedRequirementFiles(root);
  for (const p of projects) {
    const rel = path.relative(root, p).split(path.sep).join('/');
    if (PROJECT_PARTS.has(path.basename(p).toLowerCase()) || named.some((f) => f.startsWith(`${rel}/`))) continue;
    if (installed.some((f) => rel === f || rel.startsWith(`${f}/`))) continue;
    const names = p === root ? [] : await fs.readdir(p).catch(() => [] as string[]);
    if (names.some((n) => DECLARED_FILES.includes(n) || /^requirements.*\.txt$/.test(n))) nested.push(rel);
  }
  if (!nested.length) return [];
  const outside = (f: string) => !nested.some((n) => f.startsWith(`${n}/`));
  walk.python = walk.python.filter(outside);
  walk.notebooks = walk.notebooks.filter(outside);
  walk.launchers = walk.launchers.filter(outside);
  return nested.map((n) => ({
    file: n,
    message:
      'a project of its own (it declares its own requirements): left out of this scan; containerize it on its own',
  }));
}
