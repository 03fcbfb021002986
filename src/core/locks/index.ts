// One interface for the lock files a project may already have: the file name chooses the reader.
import { LockResult, ParseToml } from './types';
import { parseUvLock } from './uvLock';
import { parsePylock } from './pylock';
import { parsePoetryLock } from './poetryLock';
import { parsePipfileLock } from './pipfileLock';
import { parseCondaLock } from './condaLock';

export type { LockedPackage, LockResult, ParseToml } from './types';

/** Lock file names in the order a project's lock is chosen when it has more than one. */
export const LOCK_FILES = ['uv.lock', 'pylock.toml', 'poetry.lock', 'Pipfile.lock', 'conda-lock.yml'] as const;

export { pipHeld } from './condaLock';
export type { PipHeld } from './condaLock';

/**
 * Reads a lock by its file name; a TOML syntax error comes back as a one-line message naming the file.
 * conda-lock.yml needs the YAML parser (passed in too); of it, a pip image holds only what `pipHeld` keeps.
 */
export function parseLock(file: string, text: string, parseToml: ParseToml, parseYaml?: ParseToml): LockResult {
  const base = file.split(/[\\/]/).pop() ?? file;
  try {
    if (base === 'uv.lock') return parseUvLock(text, parseToml);
    if (base === 'pylock.toml' || /^pylock\.[^.]+\.toml$/.test(base)) return parsePylock(text, parseToml);
    if (base === 'poetry.lock') return parsePoetryLock(text, parseToml);
    if (base === 'Pipfile.lock') return parsePipfileLock(text);
    if (base === 'conda-lock.yml' && parseYaml) return parseCondaLock(text, parseYaml);
  } catch (e) {
    // smol-toml says `line`; yaml says `linePos` and repeats it in its message ("… at line 4, column 1:").
    const m = (e as { line?: number; linePos?: { line: number }[]; message?: string }) ?? {};
    const line = m.line ?? m.linePos?.[0]?.line;
    const first = String(m.message ?? e)
      .split('\n')[0]
      .replace(/ at line \d+, column \d+:?$/, '');
    return { error: `${base}${line ? `:${line}` : ''}: ${first}` };
  }
  return { error: `${base}: not a lock file this reads` };
}

/** `name==version --hash=…` lines, the pinned requirements pip installs exactly (hashes where the lock has them). */
export function pinnedRequirements(r: { packages: { name: string; version: string; hashes: string[] }[] }): string {
  const all = r.packages.every((p) => p.hashes.length > 0);
  return r.packages
    .map((p) => [`${p.name}==${p.version}`, ...(all ? p.hashes.map((h) => `--hash=${h}`) : [])].join(' \\\n    '))
    .join('\n')
    .concat('\n');
}
