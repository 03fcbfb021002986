import * as path from 'path';
import { CliIo } from '../io';
import { Engine } from '../../node/docker/engine';
import { compareWithProjectLock } from '../../node/projectLock';

/**
 * Compares the image with what it installed from: the project's own lock (uv.lock, pylock.toml, poetry.lock,
 * Pipfile.lock, conda-lock.yml), or the user's requirements.txt when it wins over the lock; true if it differs.
 */
export async function checkProjectLock(io: CliIo, engine: Engine, dir: string, tag: string): Promise<boolean> {
  const r = await compareWithProjectLock(engine, dir, tag, { env: io.env });
  if (!r) return false;
  const rel = (f: string) => path.relative(io.cwd, f) || f;
  const where = rel(r.file);
  if ('error' in r) {
    io.err(`${where}: error: ${r.error}`);
    return true;
  }
  if ('lock' in r)
    io.out(`${rel(r.lock)}: note: not compared: the image installs your requirements.txt, not this lock`);
  for (const e of r.errors) io.err(`${where}:${e.line ? `${e.line}:` : ''} error: ${e.message}`);
  if ('extra' in r && r.extra.length)
    io.out(`${where}: note: ${r.extra.length} distribution(s) in the image are not in the lock`);
  if ('condaOnly' in r && r.condaOnly.length)
    io.out(`${where}: note: not checked, conda packages a pip image cannot hold: ${r.condaOnly.join(', ')}`);
  io.out(r.errors.length ? `${r.errors.length} difference(s) between ${tag} and ${where}` : `${tag} matches ${where}`);
  return r.errors.length > 0;
}
