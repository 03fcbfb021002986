// Lines of requirements.txt that pip installs from somewhere other than the index by name: a local folder or
// archive (`./libs/mylib`, `-e ./libs/mylib`, `./vendor/x-0.1-py3-none-any.whl`) or a URL (`git+https://…#egg=tool`).
// The imports they provide are the project's declared dependencies: never a guessed install line, never "not a
// known distribution", and a local folder is not "a project of its own" (issue 26, defect 8's false warnings).
import { followIncludes, includeTarget, ReadProjectFile } from './includes';
import { normalizeName } from './names';

export interface DirectInstall {
  /** The requirements file that has the line (project-relative) and its 1-based line. */
  file: string;
  line: number;
  /** A local folder or archive inside the project, relative to its root (where pip runs). */
  path?: string;
  /** The distribution's name when the line says it (`#egg=`) or its URL or file name does. */
  name?: string;
}

/**
 * The direct installs of `file` and the files it includes. `name @ url` lines are left out: they are requirements
 * with a name, declared like any other. `-e .` (the project itself) and paths outside the project are left out too.
 */
export async function directInstallsOf(file: string, read: ReadProjectFile): Promise<DirectInstall[]> {
  const out: DirectInstall[] = [];
  await followIncludes(file, read, {
    line: (from, l) => {
      if (l.kind !== 'editable' && l.kind !== 'reference') return;
      const at = { file: from, line: l.line + 1 };
      if (l.url) {
        const name = l.name ?? nameOfUrl(l.url);
        out.push(name ? { ...at, name } : at);
        return;
      }
      if (!l.path || /^~/.test(l.path)) return;
      // pip takes local paths from its working directory, the project root (the image's WORKDIR).
      const target = includeTarget('requirements.txt', l.path.replace(/[#[].*$/, ''));
      if (target === undefined) return;
      const name = l.name ?? nameOfArchive(target);
      out.push({ ...at, path: target, ...(name ? { name } : {}) });
    },
  });
  return out;
}

/** `tool` of `git+https://github.com/org/tool.git@v1.2`; `x` of `https://host/x-1.0.tar.gz`. */
export function nameOfUrl(url: string): string | undefined {
  const bare = url.replace(/[?#].*$/, '');
  if (/^(git|hg|svn|bzr)\+/i.test(bare)) {
    const last = bare.replace(/\/+$/, '').split('/').pop() ?? '';
    const repo = last.replace(/@.*$/, '').replace(/\.git$/i, '');
    return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(repo) ? repo : undefined;
  }
  return nameOfArchive(bare);
}

/** The distribution of a wheel or sdist file name (`greet-0.1-py3-none-any.whl` → greet); undefined for a folder. */
export function nameOfArchive(file: string): string | undefined {
  const base = file.split('/').pop() ?? '';
  if (!/\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/i.test(base)) return undefined;
  return /^([A-Za-z0-9][A-Za-z0-9._]*?)-\d/.exec(base)?.[1];
}

// Folders of a package's source tree that are not importable packages of it.
const NOT_PACKAGES = new Set(['tests', 'test', 'docs', 'doc', 'examples', 'example', 'scripts', 'benchmarks', 'build']);
const NOT_MODULES = new Set(['setup', 'conftest', 'noxfile', 'tasks']);

/**
 * The top-level import names a local folder installs, from the Python files under it (`files`: project-relative):
 * its packages and modules at its top or under its `src/` (the src layout).
 */
export function importsOfFolder(folder: string, files: readonly string[]): string[] {
  const names = new Set<string>();
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  for (const f of files) {
    if (!f.startsWith(prefix) || !/\.(py|pyi|pyx)$/.test(f)) continue;
    let parts = f.slice(prefix.length).split('/');
    if (parts[0] === 'src' && parts.length > 1) parts = parts.slice(1);
    if (parts.length > 1) {
      if (!NOT_PACKAGES.has(parts[0]) && /^[A-Za-z_]\w*$/.test(parts[0])) names.add(parts[0]);
    } else {
      const m = /^([A-Za-z_]\w*)\.pyi?x?$/.exec(parts[0]);
      if (m && !NOT_MODULES.has(m[1])) names.add(m[1]);
    }
  }
  return [...names].sort();
}

/** What the direct installs provide: an import is theirs when its top-level name is in `imports` or names one. */
export class DirectProvided {
  private readonly imports: Set<string>;
  private readonly names: Set<string>;

  constructor(imports: Iterable<string>, names: Iterable<string>) {
    this.imports = new Set(imports);
    this.names = new Set([...names].map(normalizeName));
  }

  has(top: string): boolean {
    return this.imports.has(top) || this.names.has(normalizeName(top));
  }
}
