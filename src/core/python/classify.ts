/**
 * Files whose imports are development-only: test suites, documentation builds, packaging and
 * task-runner scripts, benchmarks. The image never runs them, so their imports are `dev`.
 */
const DEV_DIRS = new Set(['tests', 'test', 'testing', 'docs', 'doc', 'benchmarks', 'benchmark', 'bench', 'asv_bench']);
// `tests.py` is Django's (and many small projects') one test module, at the root or in an app folder.
const DEV_FILES = new Set(['conftest.py', 'tests.py', 'setup.py', 'noxfile.py', 'tasks.py', 'fabfile.py']);

/** True when a project-relative path (forward slashes) is a test, docs, packaging or benchmark file. */
export function isDevPath(file: string): boolean {
  const parts = file.split('/');
  const base = parts[parts.length - 1];
  if (DEV_FILES.has(base)) return true;
  if (/^test_.*\.(py|ipynb)$/.test(base) || /_test\.(py|ipynb)$/.test(base)) return true;
  return parts.slice(0, -1).some((d) => DEV_DIRS.has(d));
}
