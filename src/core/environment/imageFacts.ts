import { normalizeName } from '../requirements/names';

/** One installed distribution: its published name, exact version and Requires-Dist lines. */
export interface InstalledDist {
  name: string;
  version: string;
  requires: string[];
}

/**
 * What an image's own Python has: the interpreter the Dockerfile's `pip install` reaches (the first
 * `python`/`python3` on the image's PATH, a virtual environment included), Jupyter's commands and every
 * installed distribution. Read by running the image offline (see node/docker/imageProbe.ts).
 */
export interface ImageFacts {
  /** The engine's image id (sha256:…); the probe's answer is cached under it. */
  imageId: string;
  /** Seconds since the epoch. */
  created: number;
  /** Registry digests, `repo@sha256:…` (empty for an image that was never pushed or pulled). */
  repoDigests: string[];
  /** Absent when the image has no Python (then `problem` says so). */
  python?: { version: string; executable: string; venv: boolean };
  /** Paths of Jupyter's commands on the image's PATH, when present. */
  jupyter: { lab?: string; notebook?: string; jupyter?: string };
  /** Every installed distribution (the first one on sys.path when a name is installed twice), sorted by name. */
  distributions: InstalledDist[];
  problem?: string;
}

/** Bumped whenever the program or the shape changes: older cached answers are then ignored. */
export const IMAGE_PROBE_SCHEMA = 2;

/**
 * The Python program the probe runs inside the image. It only reads (no network, no writes) and
 * prints one marker line of JSON. Works on Python 3.8+ (importlib.metadata).
 */
export const IMAGE_PROBE_PROGRAM = [
  'import json, re, shutil, sys',
  'out = {"version": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable,',
  '       "venv": sys.prefix != getattr(sys, "base_prefix", sys.prefix), "dists": []}',
  'out["jupyter"] = {k: shutil.which(c) for k, c in ' +
    '(("lab", "jupyter-lab"), ("notebook", "jupyter-notebook"), ("jupyter", "jupyter"))}',
  'seen = set()',
  'try:',
  '    import importlib.metadata as md',
  '    for d in md.distributions():',
  '        try:',
  '            name = d.metadata["Name"]',
  '        except Exception:',
  '            name = None',
  '        key = re.sub(r"[-_.]+", "-", name or "").lower()',
  '        if not name or key in seen:',
  '            continue',
  '        seen.add(key)',
  '        out["dists"].append([name, d.version, list(d.requires or [])])',
  'except ImportError:',
  '    out["problem"] = "Python %d.%d has no importlib.metadata (3.8 or newer needed)" % sys.version_info[:2]',
  'print("DSC-IMAGE-PROBE " + json.dumps(out))',
].join('\n');

export const NO_PYTHON_MARKER = 'DSC-NO-PYTHON';

/**
 * A constant shell program that runs the probe with the image's `python`, else `python3` (the
 * Python program comes as an argument, never spliced into the script).
 */
export const IMAGE_PROBE_SHELL =
  'for p in python python3; do if command -v "$p" >/dev/null 2>&1; then exec "$p" -c "$1"; fi; done; ' +
  `echo ${NO_PYTHON_MARKER}; exit 127`;

/** The probe's output → the Python part of ImageFacts; undefined when the marker line is missing. */
export function parseImageProbe(
  output: string,
): Pick<ImageFacts, 'python' | 'jupyter' | 'distributions' | 'problem'> | undefined {
  const lines = output.split(/\r?\n/);
  if (lines.some((l) => l.trim() === NO_PYTHON_MARKER)) {
    return {
      jupyter: {},
      distributions: [],
      problem: 'no Python in the image (neither python nor python3 is on its PATH)',
    };
  }
  const line = lines.find((l) => l.startsWith('DSC-IMAGE-PROBE '));
  if (!line) return undefined;
  const raw = JSON.parse(line.slice('DSC-IMAGE-PROBE '.length)) as {
    version: string;
    executable: string;
    venv: boolean;
    dists: [string, string, string[]][];
    jupyter: Record<string, string | null>;
    problem?: string;
  };
  const jupyter: ImageFacts['jupyter'] = {};
  for (const k of ['lab', 'notebook', 'jupyter'] as const) if (raw.jupyter?.[k]) jupyter[k] = raw.jupyter[k]!;
  const distributions = raw.dists
    .map(([name, version, requires]) => ({ name, version, requires: requires ?? [] }))
    .sort((a, b) => cmp(normalizeName(a.name), normalizeName(b.name)));
  return {
    python: { version: raw.version, executable: raw.executable, venv: !!raw.venv },
    jupyter,
    distributions,
    ...(raw.problem ? { problem: raw.problem } : {}),
  };
}

/** "3.11" of "3.11.2". */
export function minorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** Whether the image can serve `jupyter lab` (the generated CMD): the command, or JupyterLab installed. */
export function imageHasJupyter(facts: Pick<ImageFacts, 'jupyter' | 'distributions'>): boolean {
  return !!facts.jupyter.lab || facts.distributions.some((d) => normalizeName(d.name) === 'jupyterlab');
}

/** name (normalised) → version. */
export function versionIndex(dists: readonly { name: string; version: string }[]): Map<string, string> {
  return new Map(dists.map((d) => [normalizeName(d.name), d.version]));
}

/**
 * What `pip freeze` leaves out by default: pip itself, and before Python 3.12 the build tools too.
 * The lock mirrors `pip freeze`, so that `pip freeze` in a rebuilt image equals it.
 */
export function freezeHidden(pythonVersion: string): Set<string> {
  const [major, minor] = pythonVersion.split('.').map(Number);
  return major === 3 && minor < 12 ? new Set(['pip', 'setuptools', 'wheel', 'distribute']) : new Set(['pip']);
}

/** The distributions `pip freeze` shows. */
export function frozenDistributions(facts: Pick<ImageFacts, 'python' | 'distributions'>): InstalledDist[] {
  const hidden = freezeHidden(facts.python?.version ?? '3.11');
  return facts.distributions.filter((d) => !hidden.has(normalizeName(d.name)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
