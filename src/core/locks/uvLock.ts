import { LockResult, LockedPackage, ParseToml } from './types';

/** uv.lock: `[[package]]` tables (name, version, source); the project itself (editable/virtual source) is left out. */
export function parseUvLock(text: string, parseToml: ParseToml): LockResult {
  const doc = parseToml(text);
  const pkgs = Array.isArray(doc.package) ? (doc.package as Record<string, unknown>[]) : [];
  const out: LockedPackage[] = [];
  for (const p of pkgs) {
    const source = (p.source ?? {}) as Record<string, unknown>;
    if ('editable' in source || 'virtual' in source) continue;
    if (typeof p.name !== 'string' || typeof p.version !== 'string') continue;
    const files = [p.sdist, ...(Array.isArray(p.wheels) ? p.wheels : [])] as ({ hash?: unknown } | undefined)[];
    out.push({ name: p.name, version: p.version, hashes: hashesOf(files) });
  }
  return { packages: out };
}

export function hashesOf(files: ({ hash?: unknown; hashes?: unknown } | undefined)[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    if (typeof f?.hash === 'string') out.push(f.hash);
    const h = f?.hashes as Record<string, unknown> | undefined;
    if (h && typeof h.sha256 === 'string') out.push(`sha256:${h.sha256}`);
  }
  return out;
}
