// The names of things in a project, one home for each, read by the CLI and the editor alike so
// that the two cannot disagree about which files they look at.

/**
 * Folders that are never project code: version control, dependencies, caches, editor state, the
 * usual virtual-environment names. (The walker also skips any folder holding pyvenv.cfg or
 * conda-meta/, and what .gitignore ignores.) Folders named build/ or dist/ are not in the list:
 * they may be source folders, and a project's .gitignore says when they are outputs.
 */
export const NOT_PROJECT_DIRS: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'site-packages',
  'dist-packages',
  '__pycache__',
  '.ipynb_checkpoints',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.venv',
  'venv',
  '.eggs',
  '.idea',
  '.vscode',
  '.cache',
];

/** Compose file names in Docker Compose's own lookup order: the first that exists is the project's. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

/** The files Containerize / `scaffold` write (compose.yaml stands for whichever compose name exists). */
export const SCAFFOLD_FILES = ['requirements.txt', 'Dockerfile', 'compose.yaml', '.dockerignore'] as const;

/** The lock file `ds-containers lock` writes beside requirements.txt (pip reads it with -c). */
export const LOCK_FILE = 'requirements.lock';

/**
 * Dockerfile, Dockerfile.dev, app.Dockerfile, dev-Dockerfile, x.dockerfile: names the build and run features
 * accept.
 */
export function isDockerfileName(file: string): boolean {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return /(^|[./-])Dockerfile([./-]|$)/i.test(base) || /\.dockerfile$/i.test(base);
}

/** A glob for editor selectors: finds the usual Dockerfile names; providers filter with isDockerfileName. */
export const DOCKERFILE_GLOB = '**/*Dockerfile*';

/**
 * Every file a project analysis reads, as patterns of a path inside the project (`*` within one name): sources,
 * what the project declares (requirements includes under requirements/, locks), how it starts (README, Makefile,
 * pipelines), its container files. The editor drops a cached analysis when one of these changes;
 * test/unit/analysis-inputs.test.ts holds this list to the names the analysis code reads.
 */
export const ANALYSIS_INPUTS: readonly string[] = [
  '*.py',
  '*.ipynb',
  'requirements*.txt',
  'requirements/*.txt',
  '*requirements*/*.txt',
  'constraints*.txt',
  'pyproject.toml',
  'setup.cfg',
  'setup.py',
  'Pipfile',
  // core/locks' LOCK_FILES (not imported: its readers would load at activation; the test holds the two equal)
  'uv.lock',
  'pylock.toml',
  'poetry.lock',
  'Pipfile.lock',
  'conda-lock.yml',
  'environment*.y*ml',
  'conda.y*ml',
  'runtime.txt',
  '.python-version',
  'Procfile',
  '[Mm]akefile',
  'GNUmakefile',
  '*.sh',
  '[Rr][Ee][Aa][Dd][Mm][Ee]*',
  'CONTRIBUTING*',
  'dvc.yaml',
  'params.yaml',
  'MLproject',
  'MLProject',
  'Snakefile',
  '.gitignore',
  '*Dockerfile*',
  '*.dockerfile',
  '.dockerignore',
  '.env',
  '.devcontainer.json',
  'devcontainer.json',
  LOCK_FILE,
  ...COMPOSE_FILE_NAMES,
];
