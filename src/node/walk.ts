import { promises as fs } from 'node:fs';
import { launcherKind } from '../core/python/launchers';
import path from 'node:path';
import type { Ignore } from 'ignore';
import type { ScanWarning } from '../core/project';
import { NOT_PROJECT_DIRS } from '../core/projectFiles';
import { cancelled } from './cancelled';

export interface WalkResult {
  /** Project-relative paths (forward slashes) of .py files and notebooks, sorted. */
  python: string[];
  notebooks: string[];
  /** Shell scripts, Procfile, Makefile, compose files, Dockerfiles: where servers are started outside Python. */
  launchers: string[];
  warnings: ScanWarning[];
}

// Never project code (one list with the editor's drift index; also skipped when looking for projects).
export const SKIP_DIRS: ReadonlySet<string> = new Set(NOT_PROJECT_DIRS);

interface Rules {
  base: string;
  ig: Ignore;
}

/**
 * Lists the Python sources and notebooks of a project, skipping virtual environments (any folder
 * with pyvenv.cfg), the folders above and what .gitignore files ignore. Symlinks are followed
 * once; a loop, an unreadable folder or a broken link is a warning and the walk goes on.
 */
export async function walkProject(root: string, signal?: AbortSignal): Promise<WalkResult> {
  const out: WalkResult = { python: [], notebooks: [], launchers: [], warnings: [] };
  const seen = new Set<string>();
  try {
    seen.add(await fs.realpath(root));
  } catch (e) {
    throw new Error(`cannot read ${root}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const queue: { rel: string; rules: Rules[] }[] = [{ rel: '', rules: [] }];
  while (queue.length) {
    if (signal?.aborted) throw cancelled('scan');
    const { rel, rules: inherited } = queue.shift()!;
    const abs = path.join(root, rel);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch (e) {
      out.warnings.push({
        file: rel || '.',
        message: `cannot read folder (${(e as NodeJS.ErrnoException).code ?? e}); skipped`,
      });
      continue;
    }
    // A virtual environment (pyvenv.cfg) or a conda environment (conda-meta/) is installed code, not the project.
    if (rel && entries.some((e) => e.name === 'pyvenv.cfg' || (e.name === 'conda-meta' && e.isDirectory()))) continue;
    let rules = inherited;
    if (entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      try {
        // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
        const ignore = require('ignore') as typeof import('ignore');
        const ig = ignore().add(await fs.readFile(path.join(abs, '.gitignore'), 'utf8'));
        rules = [...inherited, { base: rel, ig }];
      } catch (e) {
        out.warnings.push({
          file: join(rel, '.gitignore'),
          message: `cannot read (${(e as NodeJS.ErrnoException).code ?? e}); its rules are not applied`,
        });
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const childRel = join(rel, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = await fs.stat(path.join(abs, ent.name));
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          out.warnings.push({ file: childRel, message: 'broken symbolic link; skipped' });
          continue;
        }
      }
      if (isDir) {
        if (SKIP_DIRS.has(ent.name) || ignored(rules, childRel, true)) continue;
        let real: string;
        try {
          real = await fs.realpath(path.join(abs, ent.name));
        } catch (e) {
          out.warnings.push({
            file: childRel,
            message: `cannot resolve (${(e as NodeJS.ErrnoException).code ?? e}); skipped`,
          });
          continue;
        }
        if (seen.has(real)) {
          if (ent.isSymbolicLink())
            out.warnings.push({
              file: childRel,
              message: 'symbolic link to a folder already scanned (loop?); skipped',
            });
          continue;
        }
        seen.add(real);
        queue.push({ rel: childRel, rules });
      } else if (isFile) {
        const isPy = ent.name.endsWith('.py');
        const isNb = ent.name.endsWith('.ipynb');
        if ((isPy || isNb) && !ignored(rules, childRel, false)) (isPy ? out.python : out.notebooks).push(childRel);
        else if (!isPy && !isNb && launcherKind(ent.name) && !ignored(rules, childRel, false))
          out.launchers.push(childRel);
      }
    }
  }
  out.python.sort();
  out.notebooks.sort();
  out.launchers.sort();
  return out;
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

function ignored(rules: Rules[], rel: string, dir: boolean): boolean {
  for (const r of rules) {
    const sub = r.base ? rel.slice(r.base.length + 1) : rel;
    try {
      if (r.ig.ignores(dir ? `${sub}/` : sub)) return true;
    } catch {
      // `ignore` refuses names such as "..." as not relative; git would not ignore them by a pattern either.
    }
  }
  return false;
}
