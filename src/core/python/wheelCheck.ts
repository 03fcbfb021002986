import { normalizeName } from '../requirements/names';
import { defaultBaseImage } from '../generate/images';
import { compareVersions, majorOf } from './pep440';
import { satisfiesRequiresPython } from './pythonVersion';
import { PYTHON_MINORS, PythonMinor, WHEEL_ALIASES, WHEEL_COVERAGE, WheelCoverage } from './data/wheels';

/** A pinned distribution to check: its name as written and the exact version. */
export interface PinnedPackage {
  name: string;
  version: string;
}

/** One pin that has no wheel for the chosen Python. */
export interface WheelFinding {
  name: string;
  version: string;
  /** The Python minors this version has wheels for (from the table), oldest first. */
  minors: PythonMinor[];
  /** The nearest version that has a wheel for the chosen Python, when the table knows one. */
  nearest?: string;
  message: string;
}

/** What can be done about the findings; both choices are offered, neither is applied here. */
export interface WheelCheck {
  python: string;
  findings: WheelFinding[];
  /** (a) A base image whose Python every checked pin has wheels for: the newest such Python. */
  base?: { python: string; image: string };
  /** Why no base image is proposed (no common Python, or the project's requires-python excludes it). */
  baseWhyNot?: string;
  /** (b) The nearest versions that ship wheels for the chosen Python, one per finding that has one. */
  upgrades: { name: string; from: string; to: string }[];
}

export interface WheelCheckOptions {
  /** The project's `requires-python` (pyproject.toml): a proposed Python must satisfy it. */
  requiresPython?: string;
  /** Where the chosen Python came from (`runtime.txt`, `.python-version`…): a pinned Python is never changed. */
  pythonFixedBy?: string;
}

/** The table's coverage for a distribution name (any spelling, aliases included). */
export function wheelCoverage(name: string): WheelCoverage | undefined {
  const key = normalizeName(name);
  return WHEEL_COVERAGE[WHEEL_ALIASES[key] ?? key];
}

/** Whether `version` of `name` has a wheel for Python `minor`: undefined when the table does not know. */
export function hasWheel(name: string, version: string, minor: string): boolean | undefined {
  const range = wheelCoverage(name)?.[minor as PythonMinor];
  if (!range) return undefined;
  return compareVersions(version, range.first) >= 0 && (!range.last || compareVersions(version, range.last) <= 0);
}

/**
 * Pins that cannot install from a wheel on Python `python` ("X.Y"), with the two ways out: a Python all of
 * them support (within requires-python), or the nearest versions that support the chosen one.
 * Pure: the caller shows the result and applies a choice only with the user's consent.
 */
export function checkWheels(pins: readonly PinnedPackage[], python: string, o: WheelCheckOptions = {}): WheelCheck {
  const known = pins.filter((p) => wheelCoverage(p.name) && /^\d/.test(p.version));
  const findings: WheelFinding[] = [];
  for (const p of known) {
    if (hasWheel(p.name, p.version, python) !== false) continue;
    const minors = PYTHON_MINORS.filter((m) => hasWheel(p.name, p.version, m));
    const nearest = nearestVersion(p, python);
    const has = minors.length ? `wheels for ${spanOf(minors)}` : `no wheel for any Python ${spanOf(PYTHON_MINORS)}`;
    findings.push({
      name: p.name,
      version: p.version,
      minors,
      ...(nearest ? { nearest } : {}),
      message:
        `${p.name}==${p.version} has no wheel for Python ${python} ` +
        `(${has}; building it from source fails on slim images)`,
    });
  }
  const out: WheelCheck = { python, findings, upgrades: [] };
  if (!findings.length) return out;
  for (const f of findings) if (f.nearest) out.upgrades.push({ name: f.name, from: f.version, to: f.nearest });
  // The newest Python every known pin has a wheel for: newer Pythons are supported longer.
  const common = PYTHON_MINORS.filter((m) => known.every((p) => hasWheel(p.name, p.version, m)));
  const allowed = common.filter((m) => !o.requiresPython || satisfiesRequiresPython(m, o.requiresPython));
  if (o.pythonFixedBy) out.baseWhyNot = `${o.pythonFixedBy} asks for Python ${python}`;
  else if (!common.length) out.baseWhyNot = 'no Python version has wheels for all of these pins';
  else if (!allowed.length)
    out.baseWhyNot = `the pins need Python ${spanOf(common)}, but requires-python is "${o.requiresPython}"`;
  else {
    const best = allowed[allowed.length - 1];
    out.base = { python: best, image: defaultBaseImage(best) };
  }
  return out;
}

/** The lines both front ends show: one per package, then the choices. */
export function wheelCheckLines(c: WheelCheck): { findings: string[]; choices: string[] } {
  const choices: string[] = [];
  if (c.base) choices.push(`base: use ${c.base.image}, a Python every pin has wheels for`);
  else if (c.baseWhyNot) choices.push(`base: not offered (${c.baseWhyNot})`);
  if (c.upgrades.length) {
    const list = c.upgrades.map((u) => `${u.name} ${u.from} → ${u.to}${majorNote(u.from, u.to)}`).join(', ');
    choices.push(`upgrade: keep Python ${c.python} and pin ${list}`);
  }
  return { findings: c.findings.map((f) => f.message), choices };
}

/** The version nearest to the pin that has a wheel for `python`: the first one after it, or the last before. */
function nearestVersion(p: PinnedPackage, python: string): string | undefined {
  const range = wheelCoverage(p.name)?.[python as PythonMinor];
  if (!range) return undefined;
  if (compareVersions(p.version, range.first) < 0) return range.first;
  return range.last;
}

function majorNote(from: string, to: string): string {
  return majorOf(from) !== majorOf(to) ? ' (a new major version: read its changelog)' : '';
}

/** "3.6–3.7" for a run of consecutive minors, else "3.6, 3.8". */
function spanOf(minors: readonly string[]): string {
  const idx = minors.map((m) => PYTHON_MINORS.indexOf(m as PythonMinor));
  const consecutive = idx.every((v, k) => k === 0 || v === idx[k - 1] + 1);
  if (minors.length === 1) return minors[0];
  return consecutive ? `${minors[0]}–${minors[minors.length - 1]}` : minors.join(', ');
}
