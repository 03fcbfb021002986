import { LockResult, LockedPackage, ParseToml } from './types';
import { hashesOf } from './uvLock';

/** pylock.toml (PEP 751): `[[packages]]` with name, version, and `wheels`/`sdist` carrying `hashes.sha256`. */
export function parsePylock(text: string, parseToml: ParseToml): LockResult {
  const doc = parseToml(text);
  const pkgs = Array.isArray(doc.packages) ? (doc.packages as Record<string, unknown>[]) : [];
  const out: LockedPackage[] = [];
  for (const p of pkgs) {
    // A package from a directory or VCS has no version to pin: not ours to install by version.
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const files = [p.sdist, ...(Array.isArray(p.wheels) ? p.wheels : [])] as ({ hashes?: unknown } | undefined)[];
    out.push({ name: p.name, version: p.version, hashes: hashesOf(files) });
  }
  return { packages: out };
}
