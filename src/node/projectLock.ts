import * as fs from 'fs';
import * as path from 'path';
import { LOCK_FILES, LockResult, parseLock } from '../core/locks';
import { compareImageWithLock, LockComparison } from '../core/locks/compare';
import { frozenDistributions } from '../core/environment/imageFacts';
import { Engine } from './docker/engine';
import { ImageProbeOptions, probeImage } from './docker/imageProbe';

// smol-toml is already the TOML parser of declarations.ts; loaded when a lock is read, not at activation.
const parseToml = (text: string) =>
  (require('smol-toml') as typeof import('smol-toml')).parse(text) as Record<string, unknown>;

/** The project's own lock file (uv.lock, pylock.toml, poetry.lock, Pipfile.lock), read; undefined without one. */
export function readProjectLock(dir: string): ({ file: string } & LockResult) | undefined {
  for (const name of LOCK_FILES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    return { file, ...parseLock(name, fs.readFileSync(file, 'utf8'), parseToml) };
  }
  return undefined;
}

/** `check`'s comparison of the image with the project's own lock; undefined when the project has none. */
export async function compareWithProjectLock(
  engine: Engine,
  dir: string,
  tag: string,
  o: ImageProbeOptions = {},
): Promise<({ file: string } & (LockComparison | { error: string })) | undefined> {
  const lock = readProjectLock(dir);
  if (!lock) return undefined;
  if ('error' in lock) return lock;
  const facts = await probeImage(engine, tag, o);
  if (!facts.python || facts.problem)
    return { file: lock.file, error: `${tag}: ${facts.problem ?? 'no Python found'}` };
  return { file: lock.file, ...compareImageWithLock(lock.packages, frozenDistributions(facts)) };
}
