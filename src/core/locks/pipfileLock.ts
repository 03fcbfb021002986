import { LockResult, LockedPackage } from './types';

/** Pipfile.lock (JSON): `default` (and not `develop`) maps names to { version: "==X", hashes: ["sha256:…"] }. */
export function parsePipfileLock(text: string): LockResult {
  let doc: { default?: Record<string, { version?: unknown; hashes?: unknown }> };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { error: `Pipfile.lock: not JSON (${(e as Error).message})` };
  }
  const out: LockedPackage[] = [];
  for (const [name, p] of Object.entries(doc.default ?? {})) {
    const v = typeof p.version === 'string' ? /^===?(.+)$/.exec(p.version)?.[1] : undefined;
    if (!v) continue; // a path, editable or VCS entry has no version pin
    const hashes = Array.isArray(p.hashes) ? p.hashes.filter((h): h is string => typeof h === 'string') : [];
    out.push({ name, version: v, hashes });
  }
  return { packages: out };
}
