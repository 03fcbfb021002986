import { LockResult, LockedPackage, ParseToml } from './types';

/** poetry.lock: `[[package]]` with name, version, and `files = [{ file, hash = "sha256:…" }]`. */
export function parsePoetryLock(text: string, parseToml: ParseToml): LockResult {
  const doc = parseToml(text);
  const pkgs = Array.isArray(doc.package) ? (doc.package as Record<string, unknown>[]) : [];
  const out: LockedPackage[] = [];
  for (const p of pkgs) {
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const src = p.source as { type?: unknown } | undefined;
    if (src && (src.type === 'directory' || src.type === 'file' || src.type === 'git')) continue;
    const files = Array.isArray(p.files) ? (p.files as { hash?: unknown }[]) : [];
    out.push({
      name: p.name,
      version: p.version,
      hashes: files.flatMap((f) => (typeof f.hash === 'string' ? [f.hash] : [])),
    });
  }
  return { packages: out };
}
