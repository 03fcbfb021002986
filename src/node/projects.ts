// Lists a workspace folder's files a few levels deep and asks core which folders are projects.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findProjects, PROJECT_DEPTH } from '../core/projects';
import { SKIP_DIRS } from './walk';

/** The project folders under root (absolute paths; root itself first when it is one). */
export async function projectFolders(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (rel: string, depth: number): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      return; // unreadable: not a project we can scan anyway
    }
    if (rel && entries.some((e) => e.name === 'pyvenv.cfg')) return; // a virtual environment
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        const hidden = e.name.startsWith('.') && e.name !== '.binder';
        if (depth < PROJECT_DEPTH && !SKIP_DIRS.has(e.name) && !hidden) await visit(r, depth + 1);
      } else files.push(r);
    }
  };
  await visit('', 0);
  return findProjects(files).map((rel) => (rel ? path.join(root, rel) : root));
}
