import { promises as fs } from 'node:fs';
import path from 'node:path';

// The files that say how a project is run and installed, read for entry and install hints only.
const DOC_FILES = ['README.md', 'README.rst', 'README.txt', 'README', 'Makefile', 'Procfile', 'CONTRIBUTING.md'];
const MAX_BYTES = 256 * 1024;

/** The text of the project's README, Makefile and Procfile at its root (each at most 256 KiB), joined. */
export async function readProjectDocs(root: string): Promise<string> {
  const parts = await Promise.all(
    DOC_FILES.map(async (f) => {
      const handle = await fs.open(path.join(root, f), 'r').catch(() => undefined);
      if (!handle) return '';
      try {
        const buf = Buffer.alloc(MAX_BYTES);
        const { bytesRead } = await handle.read(buf, 0, MAX_BYTES, 0);
        return buf.subarray(0, bytesRead).toString('utf8');
      } catch {
        return '';
      } finally {
        await handle.close();
      }
    }),
  );
  return parts.filter(Boolean).join('\n');
}

/** Whether the docs install the project in development mode (`pip install -e .`, `poetry install`). */
export function declaresEditableInstall(docs: string): boolean {
  return (
    /\bpip3?\s+install\s+(?:[^\n]*\s)?(?:-e|--editable)\s+["']?\.(?:\[[^\]]*\])?["']?(?:\s|$)/m.test(docs) ||
    /\bpoetry\s+install\b/.test(docs)
  );
}
