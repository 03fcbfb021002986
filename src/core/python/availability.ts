import type { Requirement, ScanWarning } from '../project';
import { normalizeName } from '../requirements/names';

/** What the package index said about a name: `offline` and `unreachable` mean nobody could say. */
export type IndexVerdict = 'found' | 'missing' | 'unreachable' | 'offline';

/** Requirements whose name must be checked on the index: guessed from an import, declared nowhere. */
export function namesToCheck(requirements: readonly Requirement[]): string[] {
  return requirements.filter((r) => r.class === 'runtime' && !r.verified && !r.declaredIn?.length).map((r) => r.name);
}

/**
 * Conda-declared names (environment.yml `dependencies:`) that a package index is asked about: a conda-only
 * package (no distribution of that name) must not become an install line that fails the build.
 */
export function condaNamesToCheck(requirements: readonly Requirement[], condaNames: readonly string[]): string[] {
  const conda = new Set(condaNames.map(normalizeName));
  return requirements.filter((r) => r.class === 'runtime' && conda.has(normalizeName(r.name))).map((r) => r.name);
}

/** "models/x.py:3" or "nb.ipynb cell 2" for the first place a requirement comes from. */
export function firstEvidence(r: Requirement): string {
  const s = r.sites[0];
  if (s) return s.cell === undefined ? `${s.file}:${s.line}` : `${s.file} cell ${s.cell + 1}`;
  const n = r.needs?.[0];
  if (n) return n.cell === undefined ? `${n.file}:${n.line}` : `${n.file} cell ${n.cell + 1}`;
  return r.declaredIn?.[0] ?? '.';
}

/** A conda-only package: marked unavailable, with the one message that says what to do. */
function condaOnly(r: Requirement, index: string): ScanWarning {
  r.unavailable = 'a conda package with no distribution on the index';
  return {
    file: r.declaredIn?.find((f) => /environment\.ya?ml$/.test(f)) ?? firstEvidence(r),
    message:
      `"${r.name}" is a conda package (environment.yml) and ${index} has no distribution of that name: ` +
      'pip cannot install it, so it is left out of the install lines (a comment in requirements.txt says so). ' +
      'Install it with conda in a conda-based image, or add a pip equivalent to requirements.txt.',
  };
}

/**
 * Applies the index's verdicts: a name it has becomes a verified install line; one it lacks, or that no
 * index could confirm, is marked `unavailable` (a comment in requirements.txt, never an install line)
 * with one warning naming where it is imported.
 */
export function applyVerdicts(
  requirements: Requirement[],
  verdicts: ReadonlyMap<string, IndexVerdict>,
  index: string,
  /** Names environment.yml declares as conda packages: only an index's "no such name" leaves them out. */
  conda: ReadonlySet<string> = new Set(),
): ScanWarning[] {
  const warnings: ScanWarning[] = [];
  for (const r of requirements) {
    const v = verdicts.get(r.name);
    if (!v) continue;
    if (conda.has(r.name)) {
      if (v === 'missing') warnings.push(condaOnly(r, index));
      continue;
    }
    if (v === 'found') {
      r.verified = true;
      continue;
    }
    const why =
      v === 'missing'
        ? `no distribution named "${r.name}" on ${index}`
        : v === 'offline'
          ? 'not a known distribution name, and --offline asks no index'
          : `not a known distribution name, and ${index} could not be reached`;
    r.unavailable = v === 'missing' ? 'no distribution found' : 'not confirmed by any index';
    const s = r.sites[0] ?? r.needs?.[0];
    warnings.push({
      file: s?.file ?? '.',
      line: s && s.cell === undefined ? s.line : undefined,
      message:
        `"${r.imports[0] ?? r.name}" (imported at ${firstEvidence(r)}): ${why}; left out of the install lines ` +
        '(a comment in requirements.txt says so: install it yourself if it is needed)',
    });
  }
  return warnings;
}

/** The comment line requirements.txt carries for a requirement pip could not install. */
export function unavailableComment(r: { name: string; where: string; reason: string }): string {
  return `# ${r.name}: imported at ${r.where}, ${r.reason}; install it yourself`;
}
