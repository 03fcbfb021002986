/** `# check=skip=A,B;error=true;experimental=C` as BuildKit reads it (Dockerfile 1.8). */
export interface CheckDirective {
  skip: ReadonlySet<string> | 'all';
  /** Check violations fail the build (our findings become errors). */
  error: boolean;
  experimental: ReadonlySet<string> | 'all';
}

const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

/**
 * The check directive of a Dockerfile: only among the parser directives at its very top (before
 * any blank line, other comment or instruction); names are matched as written, case included.
 */
export function checkDirective(lines: readonly string[]): CheckDirective {
  const out: CheckDirective = { skip: new Set(), error: false, experimental: new Set() };
  for (const line of lines) {
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    if (m[1].toLowerCase() !== 'check') continue;
    for (const part of m[2].split(';')) {
      const eq = part.indexOf('=');
      const key = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim();
      const names = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      if (key === 'skip') out.skip = names.includes('all') ? 'all' : new Set(names);
      else if (key === 'error') out.error = value === 'true';
      else if (key === 'experimental') out.experimental = names.includes('all') ? 'all' : new Set(names);
    }
    break;
  }
  return out;
}

export const named = (set: ReadonlySet<string> | 'all', name: string): boolean => set === 'all' || set.has(name);
