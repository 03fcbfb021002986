// Just enough of PEP 440 (versions, specifiers) and PEP 508 (Requires-Dist, markers) to tell
// whether a set of pins is consistent with what the pinned packages declare they need.
// Checking installed versions, not choosing candidates: pre-releases are not excluded.

interface Parsed {
  epoch: number;
  release: number[];
  /** [rank, n]: dev-only -1, a 0, b 1, rc 2, none 3. */
  pre: [number, number];
  post: number;
  dev: number;
  local: string;
}

const VERSION = new RegExp(
  [
    /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)/.source, // epoch, release
    /(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?/.source, // pre
    /(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?/.source, // post
    /(?:[-_.]?(dev)[-_.]?(\d+)?)?/.source, // dev
    /(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/.source, // local
  ].join(''),
  'i',
);
const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parseVersion(v: string): Parsed | undefined {
  const m = VERSION.exec(v);
  if (!m) return undefined;
  const post = m[5] !== undefined ? Number(m[5]) : m[6] ? Number(m[7] ?? 0) : -1;
  const dev = m[8] ? Number(m[9] ?? 0) : Infinity;
  const pre: [number, number] = m[3]
    ? [PRE_RANK[m[3].toLowerCase()], Number(m[4] ?? 0)]
    : post < 0 && dev !== Infinity
      ? [-1, 0]
      : [3, 0];
  return {
    epoch: Number(m[1] ?? 0),
    release: m[2].split('.').map(Number),
    pre,
    post,
    dev,
    local: (m[10] ?? '').toLowerCase(),
  };
}

/** The version without its local label (`0.13.5+dfsg` → `0.13.5`); no index serves local versions. */
export function stripLocalLabel(version: string): string {
  const plus = version.indexOf('+');
  return plus < 0 ? version : version.slice(0, plus);
}

/** The release's major number (1 of 1.24.2), or undefined. */
export function majorOf(version: string): number | undefined {
  return parseVersion(version)?.release[0];
}

function cmpRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function cmpParsed(a: Parsed, b: Parsed, withLocal: boolean): number {
  return (
    a.epoch - b.epoch ||
    cmpRelease(a.release, b.release) ||
    a.pre[0] - b.pre[0] ||
    a.pre[1] - b.pre[1] ||
    a.post - b.post ||
    (a.dev === b.dev ? 0 : a.dev < b.dev ? -1 : 1) ||
    (withLocal ? (a.local < b.local ? -1 : a.local > b.local ? 1 : 0) : 0)
  );
}

/** Orders two versions (local labels included); unparsable ones compare as strings. */
export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a);
  const pb = parseVersion(b);
  if (!pa || !pb) return a < b ? -1 : a > b ? 1 : 0;
  return cmpParsed(pa, pb, true);
}

/**
 * Whether `version` satisfies a specifier set such as `>=1.17.3,<2` or `~=1.4` (empty: anything).
 * undefined when the version or a clause cannot be read (callers then say nothing).
 */
export function satisfies(version: string, specifiers: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  for (const clause of specifiers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(===|~=|==|!=|<=|>=|<|>)\s*(\S+)$/.exec(clause);
    if (!m) return undefined;
    const [op, target] = [m[1], m[2]];
    if (op === '===') {
      if (version.trim() !== target) return false;
      continue;
    }
    const wildcard = target.endsWith('.*');
    const t = parseVersion(wildcard ? target.slice(0, -2) : target);
    if (!t) return undefined;
    const ok = wildcard ? prefixMatch(v, t) === (op === '==') : test(op, v, t);
    if (!ok) return false;
  }
  return true;
}

function prefixMatch(v: Parsed, t: Parsed): boolean {
  return v.epoch === t.epoch && t.release.every((n, i) => (v.release[i] ?? 0) === n);
}

function test(op: string, v: Parsed, t: Parsed): boolean {
  // A public target ignores the candidate's local label (PEP 440: `==4.0.2` matches `4.0.2+dfsg`).
  const c = cmpParsed(v, t, !!t.local);
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '~=':
      return c >= 0 && t.release.length > 1 && prefixMatch(v, { ...t, release: t.release.slice(0, -1) });
    default:
      return true;
  }
}

/** One Requires-Dist line: `numpy (>=1.17.3)`, `pandas>=1; python_version >= "3.8"`, `x[extra]`. */
export interface Requirement508 {
  name: string;
  specifier: string;
  marker?: string;
}

export function parseRequiresDist(line: string): Requirement508 | undefined {
  const [req, ...rest] = line.split(';');
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?\s*([^()@]*?)\s*\)?\s*$/.exec(req);
  if (!m) return undefined; // a direct reference (`name @ url`) pins nothing we can compare
  const marker = rest.join(';').trim();
  return { name: m[1], specifier: m[2].replace(/\s+/g, ''), ...(marker ? { marker } : {}) };
}

/** The target environment markers are evaluated in (a Linux container's CPython). */
export function markerEnvironment(pythonVersion: string): Record<string, string> {
  const [major, minor, patch] = pythonVersion.split('.');
  return {
    python_version: `${major}.${minor}`,
    python_full_version: `${major}.${minor}.${patch ?? '0'}`,
    sys_platform: 'linux',
    platform_system: 'Linux',
    os_name: 'posix',
    implementation_name: 'cpython',
    platform_python_implementation: 'CPython',
  };
}

/**
 * Evaluates a PEP 508 marker; undefined when it cannot tell (an unknown variable, a syntax we do
 * not read). A marker about an `extra` is false: extras nobody asked for are not installed.
 */
export function evaluateMarker(marker: string, env: Record<string, string>): boolean | undefined {
  const tokens =
    marker.match(/"[^"]*"|'[^']*'|\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|\bin\b|[A-Za-z_][A-Za-z0-9_.]*/g) ?? [];
  let i = 0;
  const value = (): { v: string; variable: boolean } | undefined => {
    const t = tokens[i++];
    if (t === undefined) return undefined;
    if (/^["']/.test(t)) return { v: t.slice(1, -1), variable: false };
    if (t === 'extra') return { v: '\0extra', variable: true };
    return t in env ? { v: env[t], variable: true } : undefined;
  };
  const atom = (): boolean | undefined => {
    if (tokens[i] === '(') {
      i++;
      const r = expr();
      if (tokens[i++] !== ')') throw new Error('marker');
      return r;
    }
    const a = value();
    const op = tokens[i++]?.replace(/\s+/g, ' ');
    const b = value();
    if (!a || !b || !op) throw new Error('marker');
    if (a.v === '\0extra' || b.v === '\0extra') return false;
    if (op === 'in') return b.v.includes(a.v);
    if (op === 'not in') return !b.v.includes(a.v);
    const versionish = parseVersion(a.v) && parseVersion(b.v);
    if (versionish && op !== '===') return satisfies(a.v, `${op}${b.v}`);
    if (op === '==' || op === '===') return a.v === b.v;
    if (op === '!=') return a.v !== b.v;
    return undefined;
  };
  const conj = (): boolean | undefined => {
    let r = atom();
    while (tokens[i] === 'and') {
      i++;
      const b = atom();
      r = r === false || b === false ? false : r === undefined || b === undefined ? undefined : true;
    }
    return r;
  };
  const expr = (): boolean | undefined => {
    let r = conj();
    while (tokens[i] === 'or') {
      i++;
      const b = conj();
      r = r === true || b === true ? true : r === undefined || b === undefined ? undefined : false;
    }
    return r;
  };
  try {
    const r = expr();
    return i === tokens.length ? r : undefined;
  } catch {
    return undefined;
  }
}
