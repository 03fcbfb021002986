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
    const entry: LockedPackage = { name: p.name, version: String(p.version), hashes, manager };
    if (manager === 'conda' && dependsOnPython(p.dependencies)) entry.python = true;
    out.push(entry);
  }
  return { packages: out };
}

function dependsOnPython(deps: unknown): boolean {
  return !!deps && typeof deps === 'object' && Object.prototype.hasOwnProperty.call(deps, 'python');
}

/** A lock's packages as a pip image holds them: what pip installs and `check` compares, and what it cannot. */
export interface PipHeld {
  packages: LockedPackage[];
  /** conda packages that are not Python distributions (python itself, C libraries): no pip image has them. */
  condaOnly: string[];
}

/**
 * The pip entries and conda's Python packages (those depending on `python`: pip installs them by the same name
 * at the same version, and they show in the image's metadata); the other conda packages named apart. Without
 * micromamba or conda in the image, nothing else of a conda lock can be installed or checked.
 */
export function pipHeld(packages: readonly LockedPackage[]): PipHeld {
  const held = packages.filter((p) => p.manager !== 'conda' || p.python);
  const condaOnly = packages.filter((p) => p.manager === 'conda' && !p.python).map((p) => p.name);
  return { packages: held, condaOnly };
}
