/**
 * Whether Python "X.Y" satisfies a `requires-python` specifier such as ">=3.9,<3.13" or "~=3.10".
 * Only the minor version matters here (which base image to use), so patch levels are ignored.
 */
export function satisfiesRequiresPython(version: string, spec: string): boolean {
  const v = minor(version);
  if (v === undefined) return false;
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((clause) => {
      const m = /^(~=|==|!=|<=|>=|<|>)\s*(\d+(?:\.\d+)*)(\.\*)?$/.exec(clause);
      if (!m) return true; // an operator we do not model does not exclude anything
      const target = minor(m[2]);
      if (target === undefined) return true;
      const [op, wildcard] = [m[1], m[3]];
      const cmp = v - target;
      // A patch-level bound (">=3.9.2", "<3.12.1") still admits that minor version.
      const patch = m[2].split('.').length > 2;
      switch (op) {
        case '>=':
          return cmp >= 0;
        case '>':
          return patch ? cmp >= 0 : cmp > 0;
        case '<=':
          return cmp <= 0;
        case '<':
          return patch ? cmp <= 0 : cmp < 0;
        case '==':
          return cmp === 0;
        case '!=':
          return wildcard ? cmp !== 0 : true;
        case '~=':
          return patch ? cmp === 0 : cmp >= 0 && Math.floor(v / 1000) === Math.floor(target / 1000);
        default:
          return true;
      }
    });
}

/** "3.11" or "3.11.4" → 3011, for ordering. */
function minor(version: string): number | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? Number(m[1]) * 1000 + Number(m[2]) : undefined;
}
