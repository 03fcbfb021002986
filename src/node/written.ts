import { promises as fs } from 'fs';
import * as path from 'path';
import { NOT_PROJECT_DIRS } from '../core/projectFiles';

/**
 * The project's files modified at or after `sinceMs` (a run's start): what the run wrote through the
 * bind mount, relative to dir, sorted, for the line that says where outputs went. Caches and tool
 * folders are skipped; the walk stops after `limit` entries so a huge data folder cannot stall the end
 * of a run (the answer is then `truncated`).
 */
export async function writtenSince(
  dir: string,
  sinceMs: number,
  limit = 20000,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let seen = 0;
  const skip = new Set(NOT_PROJECT_DIRS);
  // No slack before the start: files written just before (scaffold's, during `up`) are not the run's.
  const since = sinceMs;
  const walk = async (rel: string): Promise<boolean> => {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (++seen > limit) return false;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (skip.has(e.name)) continue;
        if (!(await walk(r))) return false;
      } else if (e.isFile()) {
        const st = await fs.stat(path.join(dir, r)).catch(() => undefined);
        if (st && st.mtimeMs >= since) files.push(r);
      }
    }
    return true;
  };
  const complete = await walk('');
  return { files: files.sort(), truncated: !complete };
}

/** One line: where a run's outputs went (at most five names, then a count). */
export function outputsLine(dir: string, written: { files: string[]; truncated: boolean }): string {
  if (!written.files.length)
    return written.truncated
      ? `outputs: the project folder ${dir} is mounted; it is too large to list what changed`
      : `outputs: nothing written in ${dir} (the project folder is mounted; files written elsewhere are lost)`;
  const shown = written.files.slice(0, 5).join(', ');
  const more = written.files.length > 5 ? ` and ${written.files.length - 5} more` : '';
  return `outputs: ${shown}${more} written in ${dir}`;
}
