import * as path from 'path';
import { CliIo } from '../io';
import { Engine } from '../../node/docker/engine';
import { compareWithProjectLock } from '../../node/projectLock';

/**
 * Compares the image with the project's own lock (uv.lock, pylock.toml, poetry.lock, Pipfile.lock); true if it differs.
 */
export async function checkProjectLock(io: CliIo, engine: Engine, dir: string, tag: string): Promise<boolean> {
  const r = await compareWithProjectLock(engine, dir, tag, { env: io.env });
  if (!r) return false;
  const where = path.relative(io.cwd, r.file) || r.file;
  if ('error' in r) {
    io.err(`${where}: error: ${r.error}`);
    return true;
  }
  for (const e of r.errors) io.err(`${where}: error: ${e}`);
  if (r.extra.length) io.out(`${where}: note: ${r.extra.length} distribution(s) in the image are not in the lock`);
  io.out(r.errors.length ? `${r.errors.length} difference(s) between ${tag} and ${where}` : `${tag} matches ${where}`);
  return r.errors.length > 0;
}
