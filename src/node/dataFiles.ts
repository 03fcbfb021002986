import { promises as fs } from 'fs';
import * as path from 'path';
import { NOT_PROJECT_DIRS } from '../core/projectFiles';
import { DataOut, dataOutOf, DATA_FOLDERS, DEFAULT_DATA_THRESHOLD_MB, SizedFile } from '../core/generate/data';

const SKIP = new Set(NOT_PROJECT_DIRS);

/**
 * Every file of the project with its size (apparent size: what a build context would send), skipping
 * version control, caches and environments. Links are not followed (a link to a dataset elsewhere is sent
 * as a link). Unreadable folders are skipped: this only informs what stays out.
 */
export async function measureFiles(root: string, signal?: AbortSignal, environments?: string[]): Promise<SizedFile[]> {
  const out: SizedFile[] = [];
  const walk = async (rel: string): Promise<void> => {
    if (signal?.aborted) return;
    const entries = await fs.readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    if (rel && entries.some((e) => e.name === 'pyvenv.cfg' || e.name === 'conda-meta')) {
      environments?.push(rel); // any name (a venv committed as "myproject-env/"): installed code, not the project's
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!SKIP.has(e.name)) await walk(r);
      } else if (e.isFile()) {
        const st = await fs.lstat(path.join(root, r)).catch(() => undefined);
        if (st) out.push({ path: r, bytes: st.size });
      }
    }
  };
  await walk('');
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The `!path` lines of a .dockerignore: what the user keeps in although a rule would leave it out. */
export function negatedPaths(dockerignoreText: string): string[] {
  return dockerignoreText
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!') && !/[*?[]/.test(l))
    .map((l) => l.slice(1).replace(/^\/+/, '').replace(/\\(.)/g, '$1'));
}

/**
 * What stays out of this project's image: its data folders and its files above the threshold, less what the
 * user keeps (`keep`, and the `!path` lines of an existing .dockerignore).
 */
export async function projectDataOut(
  root: string,
  o: { thresholdMB?: number; keep?: string[]; signal?: AbortSignal } = {},
): Promise<DataOut> {
  const existing = await fs.readFile(path.join(root, '.dockerignore'), 'utf8').catch(() => '');
  const keep = [...(o.keep ?? []), ...negatedPaths(existing)];
  const environments: string[] = [];
  const measured = await measureFiles(root, o.signal, environments);
  const out = dataOutOf(measured, o.thresholdMB ?? DEFAULT_DATA_THRESHOLD_MB, [...new Set(keep)]);
  return environments.length ? { ...out, environments: environments.sort() } : out;
}

/**
 * The paths a run without the project mount needs mounted (read-only) for the code to find its data: the data
 * folders that exist and the files above the threshold, which the image does not have.
 */
export async function dataMountPaths(root: string, thresholdMB = DEFAULT_DATA_THRESHOLD_MB): Promise<string[]> {
  const folders: string[] = [];
  for (const f of DATA_FOLDERS)
    if ((await fs.stat(path.join(root, f)).catch(() => undefined))?.isDirectory()) folders.push(f);
  const out = await projectDataOut(root, { thresholdMB });
  return [...new Set([...folders, ...out.files.map((f) => f.path)])].sort();
}
