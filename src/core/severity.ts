import { Finding, Severity } from './findings';

const VALID = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Applies per-code severity settings (`dsContainers.lint.rules`): overrides, or drops findings set to 'off'. */
export function applySeverities(findings: Finding[], severities: Record<string, unknown> = {}): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const s = severities[f.code];
    if (typeof s !== 'string' || !VALID.has(s)) out.push(f);
    else if (s !== 'off') out.push({ ...f, severity: s as Severity });
  }
  return out;
}
