import { LockResult, LockedPackage, ParseToml } from './types';

/**
 * conda-lock.yml (conda-lock's unified format, version 1): `package:` entries of one platform (default
 * linux-64, what the images run), conda and pip alike, with `manager` saying which. Only pip entries carry hashes
 * pip can check (conda's md5/sha256 are of .conda archives, not wheels).
 */
export function parseCondaLock(text: string, parseYaml: ParseToml, platform = 'linux-64'): LockResult {
  const doc = parseYaml(text) ?? {};
  if (doc.version !== 1) return { error: `conda-lock.yml: version ${String(doc.version)} is not one this reads (1)` };
  const pkgs = Array.isArray(doc.package) ? (doc.package as Record<string, unknown>[]) : [];
  const out: LockedPackage[] = [];
  for (const p of pkgs) {
    if (p.platform !== platform || typeof p.name !== 'string' || p.version === undefined) continue;
    const manager = p.manager === 'pip' ? 'pip' : 'conda';
    const sha = (p.hash as Record<string, unknown> | undefined)?.sha256;
    const hashes = manager === 'pip' && typeof sha === 'string' ? [`sha256:${sha}`] : [];
    out.push({ name: p.name, version: String(p.version), hashes, manager });
  }
  return { packages: out };
}
