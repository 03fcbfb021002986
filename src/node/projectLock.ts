import * as fs from 'fs';
import * as path from 'path';
import { LOCK_FILES, LockedPackage, parseLock, pipHeld } from '../core/locks';
import { compareImageWithLock, LockComparison } from '../core/locks/compare';
import { installedInput } from '../core/locks/precedence';
import { normalizeName, parseRequirements } from '../core/requirements/parse';
import { frozenDistributions } from '../core/environment/imageFacts';
import { Engine } from './docker/engine';
import { ImageProbeOptions, probeImage } from './docker/imageProbe';

// smol-toml is already the TOML parser of declarations.ts, yaml the compose files'; loaded when a lock is read.
const parseToml = (text: string) =>
  (require('smol-toml') as typeof import('smol-toml')).parse(text) as Record<string, unknown>;
const parseYaml = (text: string) => (require('yaml') as typeof import('yaml')).parse(text) as Record<string, unknown>;

/** The project's lock as a pip image holds it: conda-lock's conda-only packages are named apart. */
export type ProjectLock = { file: string } & ({ packages: LockedPackage[]; condaOnly: string[] } | { error: string });

/** The project's own lock file (uv.lock, pylock.toml, poetry.lock, Pipfile.lock, conda-lock.yml), read. */
export function readProjectLock(dir: string): ProjectLock | undefined {
  for (const name of LOCK_FILES) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const r = parseLock(name, fs.readFileSync(file, 'utf8'), parseToml, parseYaml);
    return 'error' in r ? { file, ...r } : { file, ...pipHeld(r.packages) };
  }
  return undefined;
}

/** The text of the project's requirements.txt, or undefined when it has none. */
function requirementsText(dir: string): string | undefined {
  const file = path.join(dir, 'requirements.txt');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** True when the project's own requirements.txt is what the image installs, not the lock (precedence.ts). */
export function requirementsWin(dir: string, lockFile: string): boolean {
  return installedInput(path.basename(lockFile), requirementsText(dir)) === 'requirements.txt';
}

/** One difference, with the 1-based line of requirements.txt when the comparison was with it. */
export interface LockDifference {
  line?: number;
  message: string;
}

export type ProjectLockCheck = { file: string } & (
  | { errors: LockDifference[]; extra: string[]; condaOnly: string[] }
  | { error: string }
  /** The user's requirements.txt is installed: `file` is it, compared by its exact pins; `lock` was not used. */
  | { errors: LockDifference[]; lock: string }
);

/**
 * `check`'s comparison of the image with what it installed from: the project's own lock, or, when the project's
 * own requirements.txt wins over the lock, that file's exact pins. Undefined when the project has no lock.
 */
export async function compareWithProjectLock(
  engine: Engine,
  dir: string,
  tag: string,
  o: ImageProbeOptions = {},
): Promise<ProjectLockCheck | undefined> {
  const lock = readProjectLock(dir);
  if (!lock) return undefined;
  if ('error' in lock) return lock;
  const text = requirementsWin(dir, lock.file) ? requirementsText(dir) : undefined;
  const facts = await probeImage(engine, tag, o);
  if (!facts.python || facts.problem)
    return { file: lock.file, error: `${tag}: ${facts.problem ?? 'no Python found'}` };
  const image = frozenDistributions(facts);
  if (text === undefined) {
    const c: LockComparison = compareImageWithLock(lock.packages, image);
    return {
      file: lock.file,
      errors: c.errors.map((message) => ({ message })),
      extra: c.extra,
      condaOnly: lock.condaOnly,
    };
  }
  // Only the exact, unconditional pins say which version must be there; the rest pip chose.
  const have = new Map(image.map((d) => [normalizeName(d.name), d.version]));
  const errors: LockDifference[] = [];
  for (const l of parseRequirements(text).lines) {
    if (l.kind !== 'requirement' || !l.name || !l.pinned || l.marker) continue;
    const got = have.get(normalizeName(l.name));
    if (got === l.pinned) continue;
    const message = got
      ? `${l.name}: the image has ${got}, requirements.txt says ${l.pinned}`
      : `${l.name}==${l.pinned} is pinned but not installed in the image`;
    errors.push({ line: l.line + 1, message });
  }
  return { file: path.join(dir, 'requirements.txt'), errors, lock: lock.file };
}
