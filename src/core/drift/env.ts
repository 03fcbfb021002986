import { normalizeName } from '../requirements/names';

/**
 * What drift needs to know about the Python environment, as plain data (from the interpreter
 * probe in node/, or empty when there is no interpreter).
 */
export interface DriftEnv {
  /** Standard-library top-level module names; empty when unknown (then unresolved imports are not flagged). */
  stdlib: ReadonlySet<string>;
  /** Top-level import name → distributions that provide it (importlib.metadata.packages_distributions()). */
  providers: Readonly<Record<string, readonly string[]>>;
  /** Installed versions by PEP 503 normalised distribution name. */
  installed: Readonly<Record<string, string>>;
  /** Top-level names of the project's own modules and packages. */
  local: ReadonlySet<string>;
}

/**
 * Import names whose distribution is named differently, for when no interpreter tells us.
 * Only the common data-science ones; the probe's packages_distributions() covers the rest.
 */
const ALIASES: Record<string, string> = {
  sklearn: 'scikit-learn', skimage: 'scikit-image', cv2: 'opencv-python', PIL: 'Pillow', yaml: 'PyYAML',
  bs4: 'beautifulsoup4', dateutil: 'python-dateutil', dotenv: 'python-dotenv', Crypto: 'pycryptodome',
  jwt: 'PyJWT', docx: 'python-docx', pptx: 'python-pptx', magic: 'python-magic', serial: 'pyserial',
  google: 'protobuf', attr: 'attrs', OpenSSL: 'pyOpenSSL', psycopg2: 'psycopg2-binary', MySQLdb: 'mysqlclient',
  fitz: 'PyMuPDF', Levenshtein: 'python-Levenshtein', gi: 'PyGObject', win32api: 'pywin32',
};

/**
 * Distributions named in requirements that code does not import, on purpose: servers and tools run
 * from the command line, notebook front ends, and backends that libraries load by name
 * (pandas' Excel/Parquet engines, SQLAlchemy drivers).
 */
export const RUNTIME_ONLY: ReadonlySet<string> = new Set([
  'jupyter', 'jupyterlab', 'notebook', 'ipykernel', 'ipywidgets', 'jupyter-server', 'nbconvert', 'voila', 'papermill',
  'gunicorn', 'uvicorn', 'hypercorn', 'waitress', 'daphne', 'streamlit', 'gradio', 'panel', 'pip', 'setuptools', 'wheel',
  'openpyxl', 'xlrd', 'xlsxwriter', 'odfpy', 'pyarrow', 'fastparquet', 'tables', 'lxml', 'html5lib', 'psycopg2',
  'psycopg2-binary', 'psycopg', 'pymysql', 'mysqlclient', 'cx-oracle', 'oracledb', 'pyodbc', 'tabulate',
  'python-dotenv', 'matplotlib-inline', 'kaleido', 'watchdog', 'ipython',
].map(normalizeName));

/** Distributions that provide a top-level import name: the probe first, then the alias table, then the name itself. */
export function distributionsFor(top: string, env: DriftEnv): string[] {
  const probed = env.providers[top];
  if (probed?.length) return [...probed];
  return [ALIASES[top] ?? top];
}

/** True when the import is the project's own code or the standard library. */
export function isFirstParty(top: string, env: DriftEnv): boolean {
  return env.local.has(top) || env.stdlib.has(top) || top === '__future__';
}

/** The installed version of a distribution, when the interpreter has it. */
export function installedVersion(dist: string, env: DriftEnv): string | undefined {
  return env.installed[normalizeName(dist)];
}

/** Top-level import names that a distribution provides (reverse of providers), with the name guesses. */
export function importNamesOf(dist: string, env: DriftEnv): string[] {
  const key = normalizeName(dist);
  const names = new Set<string>();
  for (const [top, dists] of Object.entries(env.providers)) if (dists.some((d) => normalizeName(d) === key)) names.add(top);
  for (const [top, d] of Object.entries(ALIASES)) if (normalizeName(d) === key) names.add(top);
  names.add(dist.replace(/[-.]/g, '_'));
  names.add(dist.replace(/[-.]/g, '_').toLowerCase());
  return [...names];
}
