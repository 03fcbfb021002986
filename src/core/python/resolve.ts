import { isDevPath } from './classify';
import { IMPORT_TO_DISTRIBUTION, NAMESPACE_ROOTS, PLATFORM_ONLY, SAME_NAME_DISTRIBUTIONS } from './data/distributions';
import { normalizeName } from '../requirements/names';

/** What a probed interpreter knows; every field optional (no interpreter: bundled data). */
export interface InterpreterFacts {
  /** "X.Y" */
  version?: string;
  stdlib?: string[];
  /** `importlib.metadata.packages_distributions()`: top-level import name → distributions. */
  packages?: Record<string, string[]>;
  /** Installed distributions: name as published → version. */
  installed?: Record<string, string>;
  /** Requires-Dist lines of each installed distribution (same names as `installed`). */
  requires?: Record<string, string[]>;
}

export interface Distribution {
  name: string;
  verified: boolean;
  /** Where the mapping came from. */
  source: 'interpreter' | 'curated' | 'unverified';
}

const SAME_NAME = new Map(SAME_NAME_DISTRIBUTIONS.map((n) => [normalizeName(n), n]));

/**
 * Maps an import to the distribution that provides it. `candidates` are the dotted names the
 * statement can mean, longest first matters not: e.g. `from google.cloud import storage` gives
 * ["google.cloud.storage", "google.cloud"]. Curated namespace entries win on the longest dotted
 * prefix; then the interpreter's own map; then the curated top-level names; an unknown name is
 * kept as is and marked unverified.
 */
export function distributionFor(
  candidates: string[],
  interp: InterpreterFacts = {},
  installedIndex?: Map<string, string>,
): Distribution {
  let best: string | undefined;
  for (const c of candidates) {
    const parts = c.split('.');
    for (let k = parts.length; k >= 2; k--) {
      const key = parts.slice(0, k).join('.');
      if (IMPORT_TO_DISTRIBUTION[key] && (!best || key.length > best.length)) best = key;
    }
  }
  if (best) return { name: IMPORT_TO_DISTRIBUTION[best], verified: true, source: 'curated' };
  const top = candidates[0].split('.')[0];
  const probed = interp.packages?.[top];
  if (probed && probed.length === 1) return { name: probed[0], verified: true, source: 'interpreter' };
  if (IMPORT_TO_DISTRIBUTION[top]) return { name: IMPORT_TO_DISTRIBUTION[top], verified: true, source: 'curated' };
  if (probed && probed.length > 1) {
    const same = probed.find((d) => normalizeName(d) === normalizeName(top));
    if (same) return { name: same, verified: true, source: 'interpreter' };
  }
  const known = SAME_NAME.get(normalizeName(top));
  if (known) return { name: known, verified: true, source: 'curated' };
  const installed = installedIndex?.get(normalizeName(top));
  if (installed) return { name: installed, verified: true, source: 'interpreter' };
  if (NAMESPACE_ROOTS.has(top) && candidates[0].includes('.')) {
    return { name: candidates[0].split('.').slice(0, 3).join('.'), verified: false, source: 'unverified' };
  }
  return { name: top, verified: false, source: 'unverified' };
}

/** The platform a module exists on only (Google Colab, Windows…), or undefined. */
export function platformOnly(candidates: string[]): string | undefined {
  for (const c of candidates) {
    const parts = c.split('.');
    for (let k = parts.length; k >= 1; k--) {
      const hit = PLATFORM_ONLY[parts.slice(0, k).join('.')];
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Index of installed distributions by normalised name → name as published. */
export function installedIndex(interp: InterpreterFacts): Map<string, string> {
  return new Map(Object.keys(interp.installed ?? {}).map((n) => [normalizeName(n), n]));
}

/** The installed version of a distribution, if the interpreter has it. */
export function installedVersion(
  name: string,
  interp: InterpreterFacts,
  index: Map<string, string>,
): string | undefined {
  const published = index.get(normalizeName(name));
  return published ? interp.installed?.[published] : undefined;
}

// Folders that hold copies of other projects' code, kept for reference or patching, not imported by name.
const VENDORED_DIRS = new Set(['vendor', 'vendored', '_vendor', 'third_party', 'thirdparty', 'external', 'extern']);

/**
 * The project's module layout, for deciding whether an import is local the way Python finds it:
 * from the project root (`python -m`, pytest's rootdir), from the importing file's own folder
 * (`sys.path[0]` of a script) and from `src/` (the src layout, installed in development mode).
 */
export class LocalModules {
  private readonly modules = new Set<string>();
  /** Module name → the first file that ships it anywhere in the project (`notebooks/lib/hypothesis.py`). */
  private readonly anywhere = new Map<string, string[]>();

  /** `files`: project-relative paths (forward slashes) of every Python file. */
  constructor(files: Iterable<string>) {
    for (const f of files) {
      if (!/\.(py|pyi|pyx|so|pyd)$/.test(f)) continue;
      const parts = f.split('/');
      // Every folder on the way is importable as a (namespace) package from its parent.
      for (let k = 1; k < parts.length; k++) this.modules.add(parts.slice(0, k).join('/'));
      this.modules.add(f.replace(/\.(py|pyi|pyx)$|\.[^/]*\.(so|pyd)$|\.(so|pyd)$/, ''));
      // A module file (`x.py`) or a package (`x/__init__.py`) in any folder but a vendored copy's.
      if (parts.slice(0, -1).some((d) => VENDORED_DIRS.has(d))) continue;
      const base = parts[parts.length - 1];
      const name = base === '__init__.py' ? parts[parts.length - 2] : /^(\w+)\.py$/.exec(base)?.[1];
      if (name) this.anywhere.set(name, [...(this.anywhere.get(name) ?? []), f]);
    }
  }

  /**
   * A file that ships `top` somewhere in the project, off the import paths `rootOf` knows (a notebook
   * adds the folder to `sys.path`, or fetches the file beside itself): the project's own module, never
   * an index distribution of the same name. Vendored copies (`vendor/`, `third_party/`) do not count:
   * they are kept beside the real package, not instead of it; nor does a test stub (`tests/stubs/boto3.py`)
   * for code outside the tests.
   */
  shippedAt(top: string, from: string): string | undefined {
    return this.anywhere.get(top)?.find((f) => isDevPath(from) || !isDevPath(f));
  }

  /** Whether top-level module `top`, imported from `file`, resolves inside the project. */
  isLocal(top: string, file: string): boolean {
    return this.rootOf(top, file) !== undefined;
  }

  /**
   * Where `top`, imported from `file`, is found: 'own' (the file's folder, `sys.path[0]` of a
   * script), '.' (the project root) or 'src'. The last two need the folder on the import path
   * when the file runs from elsewhere (examples/x.py importing the root package).
   */
  rootOf(top: string, file: string): 'own' | '.' | 'src' | undefined {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
    if (this.modules.has(dir ? `${dir}/${top}` : top)) return 'own';
    if (this.modules.has(top)) return '.';
    if (this.modules.has(`src/${top}`)) return 'src';
    return undefined;
  }

  /** Top-level local module names (root and src/), for the analysis' `localModules`. */
  topLevel(): string[] {
    const out = new Set<string>();
    for (const m of this.modules) {
      const parts = m.split('/');
      if (parts.length === 1) out.add(parts[0]);
      else if (parts.length === 2 && parts[0] === 'src') out.add(parts[1]);
    }
    return [...out].sort();
  }
}
