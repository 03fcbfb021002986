import { normalizeName } from '../requirements/names';
import {
  InterpreterFacts,
  distributionFor,
  installedIndex,
  installedVersion as probedVersion,
} from '../python/resolve';
import { IMPORT_TO_DISTRIBUTION, equivalentDistributions } from '../python/data/distributions';
import { bundledStdlib } from '../python/data/stdlib';
import type { ProjectAnalysis } from '../project';

/**
 * What drift needs to know about the Python environment, as plain data: the probed interpreter's
 * facts (empty without one), the standard library, and whether a name is the project's own.
 */
export interface DriftEnv {
  interp: InterpreterFacts;
  stdlib: ReadonlySet<string>;
  /** True when `top`, imported from `file`, is a module of the project itself. */
  isLocal(top: string, file: string): boolean;
  /** The project analysis's answers (the Project view's and Containerize's): they win over drift's own guess. */
  analysed?: AnalysedNames;
}

/** What one project analysis decided about import names. */
export interface AnalysedNames {
  /** Import name as the analysis recorded it (e.g. "sklearn", "google.cloud.storage") → its distribution. */
  byImport: ReadonlyMap<string, { name: string; version?: string; unavailable?: string }>;
  /** Top-level names of the project's own modules, those written by notebook `%%file` cells included. */
  local: ReadonlySet<string>;
}

export function analysedNames(a: Pick<ProjectAnalysis, 'requirements' | 'localModules'>): AnalysedNames {
  const byImport = new Map<string, { name: string; version?: string; unavailable?: string }>();
  for (const r of a.requirements)
    for (const i of r.imports) byImport.set(i, { name: r.name, version: r.version, unavailable: r.unavailable });
  return { byImport, local: new Set(a.localModules.map((m) => m.split('.')[0])) };
}

/** The analysis's distribution for a module: the longest recorded prefix of its dotted name. */
export function analysedDistribution(
  module: string,
  env: DriftEnv,
): { name: string; version?: string; unavailable?: string } | undefined {
  const parts = module.split('.');
  for (let n = parts.length; n > 0 && env.analysed; n--) {
    const hit = env.analysed.byImport.get(parts.slice(0, n).join('.'));
    if (hit) return hit;
  }
  return undefined;
}

/** An environment from the probe's facts; the bundled stdlib list when the interpreter gave none. */
export function driftEnv(
  interp: InterpreterFacts,
  isLocal: DriftEnv['isLocal'] = () => false,
  pythonVersion = '3.11',
): DriftEnv {
  const stdlib = interp.stdlib?.length ? new Set(interp.stdlib) : bundledStdlib(interp.version ?? pythonVersion);
  return { interp, stdlib, isLocal };
}

/**
 * Distributions named in requirements that code does not import, on purpose: servers and tools run
 * from the command line, notebook front ends, and backends that libraries load by name
 * (pandas' Excel/Parquet engines, SQLAlchemy drivers).
 */
export const RUNTIME_ONLY: ReadonlySet<string> = new Set(
  [
    'jupyter',
    'jupyterlab',
    'notebook',
    'ipykernel',
    'ipywidgets',
    'jupyter-server',
    'nbconvert',
    'voila',
    'papermill',
    'gunicorn',
    'uvicorn',
    'hypercorn',
    'waitress',
    'daphne',
    'streamlit',
    'gradio',
    'panel',
    'pip',
    'setuptools',
    'wheel',
    'openpyxl',
    'xlrd',
    'xlsxwriter',
    'odfpy',
    'pyarrow',
    'fastparquet',
    'tables',
    'lxml',
    'html5lib',
    'psycopg2',
    'psycopg2-binary',
    'psycopg',
    'pymysql',
    'mysqlclient',
    'cx-oracle',
    'oracledb',
    'pyodbc',
    'tabulate',
    'python-dotenv',
    'matplotlib-inline',
    'kaleido',
    'watchdog',
    'ipython',
  ].map(normalizeName),
);

const indexes = new WeakMap<InterpreterFacts, Map<string, string>>();
function index(interp: InterpreterFacts): Map<string, string> {
  let i = indexes.get(interp);
  if (!i) indexes.set(interp, (i = installedIndex(interp)));
  return i;
}

/** The distribution an import needs (the scanner's resolution: curated table, then the interpreter). */
export function distributionOf(module: string, env: DriftEnv): { name: string; verified: boolean } {
  return distributionFor([module], env.interp, index(env.interp));
}

/** The installed version of a distribution, when the interpreter has it (never invented). */
export function installedVersion(dist: string, env: Pick<DriftEnv, 'interp'>): string | undefined {
  return probedVersion(dist, env.interp, index(env.interp));
}

/** Top-level import names a distribution provides: the interpreter's map, the curated table, the name itself. */
export function importNamesOf(dist: string, env: DriftEnv): string[] {
  // A drop-in alternative (opencv-python-headless) provides what the main distribution does (cv2).
  const keys = new Set(equivalentDistributions(dist));
  const names = new Set<string>();
  for (const [top, dists] of Object.entries(env.interp.packages ?? {}))
    if (dists.some((d) => keys.has(normalizeName(d)))) names.add(top);
  for (const [mod, d] of Object.entries(IMPORT_TO_DISTRIBUTION))
    if (keys.has(normalizeName(d))) names.add(mod.split('.')[0]);
  names.add(dist.replace(/[-.]/g, '_'));
  names.add(dist.replace(/[-.]/g, '_').toLowerCase());
  return [...names];
}
