// Which folders are projects. One answer for Containerize, the Project view and the CLI: a
// workspace folder holding a script project and a notebook project side by side is two projects,
// not one merged one.
import { isDevPath } from './python/classify';

/** Files that declare a project's requirements or container: a folder holding one is a project. */
export const DECLARED_FILES = [
  'requirements.txt',
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'environment.yml',
  'environment.yaml',
  'Pipfile',
  'Dockerfile',
];
// Script names a project starts from (the same preference as entry detection in python/mode.ts).
const ENTRY = /^(main|app|train|run|__main__|streamlit_app|server|api|dashboard|serve)\.py$/i;
// Folders that hold a project's parts by convention: part of the project above, unless they declare their own.
export const PROJECT_PARTS = new Set([
  'src',
  'lib',
  'notebooks',
  'notebook',
  'scripts',
  'utils',
  'data',
  'models',
  'app',
]);
/** How deep below a workspace folder a project may start (1: its subfolders, 2: theirs). */
export const PROJECT_DEPTH = 2;

interface Facts {
  declared: boolean;
  marked: boolean;
}

function factsOf(files: readonly string[]): Map<string, Facts> {
  const m = new Map<string, Facts>();
  for (const f of files) {
    const cut = f.lastIndexOf('/');
    // Binder's configuration folder (binder/, .binder/) declares the folder above it (repo2docker's rule).
    const dir = cut < 0 ? '' : f.slice(0, cut).replace(/(?:^|\/)\.?binder$/, '');
    const base = f.slice(cut + 1);
    if (dir.split('/').length > PROJECT_DEPTH || (dir && isDevPath(`${dir}/x.py`))) continue;
    const declared = DECLARED_FILES.includes(base) || /^requirements.*\.txt$/.test(base);
    const marked = declared || base.endsWith('.ipynb') || ENTRY.test(base);
    const seen = m.get(dir) ?? { declared: false, marked: false };
    m.set(dir, { declared: seen.declared || declared, marked: seen.marked || marked });
  }
  return m;
}

/**
 * The project folders under a workspace folder, from its file list (relative, forward slashes;
 * at least PROJECT_DEPTH levels deep): '' for the folder itself. A subfolder is a project when it
 * has its own entry script, notebooks or declared requirements, unless a folder above it declares
 * requirements (then it is part of that project) and it declares none itself; src/, notebooks/,
 * scripts/ and the like are parts of the folder above unless they declare requirements. The workspace
 * folder is a project when it has such files itself, code outside every subproject, or no subproject.
 * Sorted, '' first.
 */
export function findProjects(files: readonly string[]): string[] {
  const facts = factsOf(files);
  const part = (d: string) => PROJECT_PARTS.has(d.slice(d.lastIndexOf('/') + 1).toLowerCase());
  const subs = [...facts.keys()]
    .filter((d) => d && facts.get(d)!.marked && (facts.get(d)!.declared || !part(d)))
    .sort();
  const ancestors = (d: string) =>
    d
      .split('/')
      .slice(0, -1)
      .map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const projects = subs.filter(
    (d) =>
      facts.get(d)!.declared ||
      ![facts.get('')?.declared, ...ancestors(d).map((a) => facts.get(a)?.declared)].some(Boolean),
  );
  // A project inside another found one counts only when it declares its own requirements.
  const kept = projects.filter((d) => facts.get(d)!.declared || !projects.some((p) => d.startsWith(p + '/')));
  // Code outside every subproject (a loose script beside them) belongs to the workspace folder's own project.
  const loose = files.some(
    (f) =>
      /\.(py|ipynb)$/.test(f) &&
      !isDevPath(f) &&
      f.split('/').length <= PROJECT_DEPTH + 1 &&
      !kept.some((k) => f.startsWith(k + '/')),
  );
  const root = facts.get('')?.marked || loose || !kept.length;
  return root ? ['', ...kept] : kept;
}

/** The folder name to show for a project: its path, or the workspace folder's name for ''. */
export function projectLabel(rel: string, workspaceName: string): string {
  return rel ? `${workspaceName}/${rel}` : workspaceName;
}
