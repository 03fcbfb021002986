import { normalizeName } from './names';

/** A `# dsc: exclude NAME[, NAME…]` comment in requirements.txt: names never to add again. */
export interface ExcludeDirective {
  name: string;
  /** 1-based line of the directive. */
  line: number;
}

const DIRECTIVE = /^\s*#\s*dsc:\s*exclude\s+(.+?)\s*$/i;

/**
 * The names a requirements file excludes. A comment survives every regeneration and merge (they keep
 * the user's lines byte for byte), so "not this one" lives beside the requirements it is about.
 */
export function excludeDirectives(text: string): ExcludeDirective[] {
  const out: ExcludeDirective[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = DIRECTIVE.exec(l);
    if (!m) return;
    for (const name of m[1].split(/[\s,]+/))
      if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) out.push({ name, line: i + 1 });
  });
  return out;
}

/** True when `name` is one of `excluded` (PEP 503 names: Gym, gym and g_y-m are the same). */
export function isExcluded(name: string, excluded: readonly string[]): boolean {
  const key = normalizeName(name);
  return excluded.some((e) => normalizeName(e) === key);
}
