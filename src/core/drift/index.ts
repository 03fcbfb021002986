import { normalizeName } from '../requirements/names';
import type { RequirementLine } from '../requirements/parse';
import { isDeclared } from '../python/data/distributions';
import { DriftEnv, RUNTIME_ONLY, distributionOf, importNamesOf, installedVersion } from './env';

export type { DriftEnv } from './env';
export { RUNTIME_ONLY, driftEnv, installedVersion } from './env';

/** One import of a file as drift sees it (lines 1-based, as ImportSite). */
export interface DriftImport {
  module: string;
  line: number;
  cell?: number;
  /** Only runtime imports need a requirement (optional/typing/dev imports do not). */
  class: 'runtime' | 'optional' | 'typing' | 'dev';
  isRelative?: boolean;
}

/** An import that no requirement covers. */
export interface MissingRequirement {
  file: string;
  import: DriftImport;
  /** Top-level import name, e.g. "sklearn". */
  top: string;
  /** The distribution to add, e.g. "scikit-learn". */
  distribution: string;
  /** Installed version, when the interpreter has it (never invented). */
  version?: string;
}

/**
 * Every file's imports, kept so that a save re-scans one file and updates counts, instead of
 * re-reading the workspace. Pure: the caller feeds it extracted imports.
 */
export class ImportIndex {
  private readonly byFile = new Map<string, DriftImport[]>();
  /** Top-level import name → files importing it (runtime or not: any import counts as a use). */
  private readonly users = new Map<string, Set<string>>();

  set(file: string, imports: DriftImport[]): void {
    this.delete(file);
    this.byFile.set(file, imports);
    for (const i of imports) {
      if (i.isRelative) continue;
      const top = topName(i.module);
      let set = this.users.get(top);
      if (!set) this.users.set(top, (set = new Set()));
      set.add(file);
    }
  }

  delete(file: string): void {
    const old = this.byFile.get(file);
    if (!old) return;
    this.byFile.delete(file);
    for (const i of old) {
      const set = this.users.get(topName(i.module));
      set?.delete(file);
      if (set && !set.size) this.users.delete(topName(i.module));
    }
  }

  imports(file: string): readonly DriftImport[] {
    return this.byFile.get(file) ?? [];
  }

  files(): string[] {
    return [...this.byFile.keys()];
  }

  /** Files that import this top-level name, sorted. */
  importers(top: string): string[] {
    return [...(this.users.get(top) ?? [])].sort();
  }

  get size(): number {
    return this.byFile.size;
  }
}

export function topName(module: string): string {
  return module.split('.')[0];
}

/**
 * The runtime imports of one file that no requirement covers: not stdlib, not the project's own
 * modules, not relative, and no declared distribution provides them.
 */
export function missingRequirements(
  file: string,
  imports: readonly DriftImport[],
  declared: ReadonlySet<string>,
  env: DriftEnv,
): MissingRequirement[] {
  const out: MissingRequirement[] = [];
  for (const imp of imports) {
    if (imp.class !== 'runtime' || imp.isRelative || !imp.module) continue;
    const top = topName(imp.module);
    if (top === '__future__' || env.stdlib.has(top) || env.isLocal(top, file)) continue;
    const dist = distributionOf(imp.module, env);
    if (isDeclared(dist.name, declared) || declared.has(normalizeName(top))) continue;
    out.push({ file, import: imp, top, distribution: dist.name, version: installedVersion(dist.name, env) });
  }
  return out;
}

/** Requirement lines that nothing in the index imports, except the runtime-only tools. */
export function unusedRequirements(
  lines: readonly RequirementLine[],
  index: ImportIndex,
  env: DriftEnv,
): RequirementLine[] {
  if (!index.size) return [];
  return lines.filter(
    (l) =>
      l.kind === 'requirement' &&
      l.key &&
      !RUNTIME_ONLY.has(l.key) &&
      !importNamesOf(l.name!, env).some((top) => index.importers(top).length),
  );
}
