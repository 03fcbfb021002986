// Copies files out of a container (`docker cp`) before it is removed: what removal would lose.
import * as fs from 'fs';
import * as path from 'path';
import { Engine } from './engine';
import { describeLoss, lostOnRemove } from '../../core/docker/changes';

/** What removing the container would lose (files under its working directory that differ from its image). */
export async function lossOnRemove(
  engine: Engine,
  id: string,
): Promise<{ workdir: string; paths: string[]; summary: string }> {
  const [{ workdir, mounts }, changes] = await Promise.all([engine.containerFiles(id), engine.containerChanges(id)]);
  const paths = lostOnRemove(changes, workdir, mounts);
  return { workdir, paths, summary: paths.length ? describeLoss(paths, workdir) : '' };
}

/**
 * Copies each path (absolute, inside the container, under workdir) to the same relative place
 * under dest; an existing file there is not overwritten (the copy is for the user to compare).
 * Returns the files written.
 */
export async function copyOut(
  engine: Engine,
  id: string,
  workdir: string,
  paths: readonly string[],
  dest: string,
): Promise<string[]> {
  const tar = require('tar-fs') as typeof import('tar-fs');
  const written: string[] = [];
  for (const p of paths) {
    const rel = path.posix.relative(workdir, p);
    if (!rel || rel.startsWith('..')) continue;
    const into = path.join(dest, path.dirname(rel));
    fs.mkdirSync(into, { recursive: true });
    const stream = await engine.archive(id, p);
    await new Promise<void>((resolve, reject) => {
      const x = tar.extract(into, {
        ignore: (name: string, header?: { type?: string }) => {
          if (fs.existsSync(name)) return header?.type !== 'directory';
          if (header?.type === 'file') written.push(name);
          return false;
        },
        // The container's owner ids mean nothing here: the files become the user's.
        chown: false,
      });
      stream.on('error', reject);
      x.on('error', reject).on('finish', resolve);
      stream.pipe(x);
    });
  }
  return written;
}
