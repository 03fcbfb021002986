// The Python a project asks for (requires-python, runtime.txt, .python-version, environment.yml, Pipfile) against
// the Python of the base image it will run on: a 3.11 image for `requires-python >=3.13` dies on the first 3.12+
// syntax, so the mismatch is flagged at its file and line with a base that fits (issue 26, defect 4).
import { satisfiesRequiresPython } from './pythonVersion';

export interface PythonAsk {
  file: string;
  line?: number;
  /** As written: ">=3.13" (a range), "3.8" (one version). */
  spec: string;
  /** A range (requires-python, `python>=3.10` in environment.yml) rather than one version. */
  range: boolean;
}

export interface PythonConflict {
  file: string;
  line?: number;
  message: string;
}

// The CPython minors a python:X.Y-slim image exists for, in the order a suggestion prefers (oldest that fits).
const MINORS = ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'];

/** "3.11" from "3.11.2"; undefined for anything else. */
export function minorOf(v: string | undefined): string | undefined {
  return /^(\d+\.\d+)/.exec(v ?? '')?.[1];
}

/** The Python a base image name promises (`python:3.11-slim`, `…-py310`), when it says. */
export function pythonOfImageName(ref: string): string | undefined {
  return (
    /(?:^|\/)python:(\d+\.\d+)/.exec(ref)?.[1] ??
    /[-_]py(3)(\d{1,2})\b/.exec(ref)?.slice(1, 3).join('.') ??
    /[:-](?:python)?-?(3\.\d+)(?:[-.]|$)/.exec(ref)?.[1]
  );
}

/** Each ask the base image's Python does not meet, with a base whose Python does. */
export function pythonConflicts(asks: readonly PythonAsk[], basePython: string, baseRef: string): PythonConflict[] {
  const have = minorOf(basePython);
  if (!have) return [];
  const out: PythonConflict[] = [];
  for (const a of asks) {
    const ok = a.range ? satisfiesRequiresPython(have, a.spec) : minorOf(a.spec) === have;
    if (ok) continue;
    const fits = a.range ? MINORS.find((m) => satisfiesRequiresPython(m, a.spec)) : minorOf(a.spec);
    out.push({
      file: a.file,
      line: a.line,
      message:
        `the project asks for Python ${a.spec}, but base image ${baseRef} has Python ${have}: ` +
        (fits
          ? `its code may not run there; choose a base with Python ${fits} (--base-image python:${fits}-slim)`
          : 'no Python release we know of satisfies it'),
    });
  }
  return out;
}

/** The asks in one project file's text, by its name; line numbers 1-based. */
export function pythonAsksIn(file: string, text: string): PythonAsk[] {
  const lines = text.split(/\r?\n/);
  const find = (re: RegExp, range: boolean | ((s: string) => boolean)): PythonAsk[] => {
    for (let i = 0; i < lines.length; i++) {
      const m = re.exec(lines[i]);
      if (m) {
        const spec = m[1].trim();
        return [{ file, line: i + 1, spec, range: typeof range === 'function' ? range(spec) : range }];
      }
    }
    return [];
  };
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (base === 'pyproject.toml') return find(/^\s*requires-python\s*=\s*["']([^"']+)["']/, true);
  if (base === 'runtime.txt') return find(/^\s*python-(3\.\d+(?:\.\d+)?)\s*$/, false);
  if (base === '.python-version') return find(/^\s*(?:cpython-|python-)?(3\.\d+(?:\.\d+)?)\b/, false);
  if (base === 'Pipfile') return find(/^\s*python_(?:full_)?version\s*=\s*["'](3\.\d+(?:\.\d+)?)["']/, false);
  if (/^environment\.ya?ml$/.test(base))
    // conda: `- python=3.8`, `- python==3.8.10`, `- python>=3.10`, `- python 3.9.*`
    return find(/^\s*-\s*python\s*((?:[<>=!~]=?|\s)\s*3[\d.*]*(?:\s*,\s*[<>=!~]=?\s*3[\d.*]*)*)\s*(?:#.*)?$/, (s) =>
      /^(?:>|<|!|~|>=|<=)/.test(s),
    ).map((a) => ({
      ...a,
      spec: a.range ? a.spec.replace(/\s+/g, '') : a.spec.replace(/^[=\s]+/, '').replace(/\.\*$/, ''),
    }));
  return [];
}
