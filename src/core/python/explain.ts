import type { Requirement } from '../project';
import { normalizeName } from '../requirements/names';

const where = (s: { file: string; line: number; cell?: number }): string =>
  s.cell === undefined ? `${s.file}:${s.line}` : `${s.file} cell ${s.cell + 1}, line ${s.line}`;

const CLASS_WORDS: Record<Requirement['class'], string> = {
  runtime: 'an install line',
  optional: 'a commented line (optional: a side path, a guarded import or an extra)',
  typing: 'not installed (used for type checking only)',
  dev: 'not installed in the image (development and tests only)',
};

/**
 * Why a requirement is there, one reason a line: "imported at FILE:LINE", "needed at FILE:LINE: REASON",
 * "declared in FILE". Shared by `scan --explain NAME` and the editor's requirements hover.
 */
export function explainRequirement(r: Requirement): string[] {
  const what = r.unavailable
    ? `a comment line (${r.unavailable})`
    : r.providedBy
      ? `no line of its own: ${r.providedBy} requires it and installs it`
      : CLASS_WORDS[r.class];
  const out = [`${r.name}: ${what}`];
  for (const s of r.sites)
    out.push(`  imported as ${s.module} at ${where(s)}${s.class !== r.class ? ` (${s.class})` : ''}`);
  for (const n of r.needs ?? []) out.push(`  needed at ${where(n)}: ${n.reason}`);
  for (const d of r.declaredIn ?? []) out.push(`  declared in ${d}`);
  return out;
}

/** The requirement an `--explain` name means: by distribution name (normalised) or by import name. */
export function findRequirement(requirements: readonly Requirement[], name: string): Requirement | undefined {
  const key = normalizeName(name);
  return (
    requirements.find((r) => normalizeName(r.name.replace(/\[.*\]$/, '')) === key) ??
    requirements.find((r) => r.imports.some((i) => i === name || i.split('.')[0] === name))
  );
}
