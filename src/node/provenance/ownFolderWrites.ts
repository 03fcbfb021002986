import * as path from 'path';
import { walkProject } from '../walk';
import { MAX_PY_BYTES, readSource } from '../readSource';
import { OwnFolderWrite, ownFolderWrites } from '../../core/provenance/ownFolderWrites';

/** Every .py file of the project that writes to a relative literal path, with its project-relative name. */
export async function projectOwnFolderWrites(dir: string): Promise<(OwnFolderWrite & { file: string })[]> {
  const { python } = await walkProject(dir);
  const out: (OwnFolderWrite & { file: string })[] = [];
  for (const rel of python) {
    const { text } = await readSource(path.join(dir, rel), MAX_PY_BYTES);
    if (text) for (const w of ownFolderWrites(text)) out.push({ ...w, file: rel });
  }
  return out;
}
