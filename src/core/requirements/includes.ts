// Following `-r FILE` includes in requirements files, the way pip reads them: one home for the CLI's
// declarations, the scaffold merge and the editor's drift checks.
import { parseRequirements, RequirementLine } from './parse';

/** Reads a file by its project-relative path (forward slashes); undefined when it cannot be read. */
export type ReadProjectFile = (file: string) => Promise<string | undefined>;

export interface IncludeVisitor {
  /** A file was read; called before its lines. */
  file?(file: string, text: string): void;
  /** One logical line, in the order pip reads them: an included file's lines come where its `-r` line is. */
  line?(file: string, line: RequirementLine): void;
}

/**
 * The project-relative path that `-r include` in `from` names (relative to the including file, as pip
 * takes it), or undefined when it is absolute or climbs out of the project.
 */
export function includeTarget(from: string, include: string): string | undefined {
  const p = include.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return undefined;
  const parts: string[] = [];
  for (const seg of [...from.split('/').slice(0, -1), ...p.split('/')]) {
    if (seg === '' || seg === '.') continue;
    if (seg !== '..') parts.push(seg);
    else if (!parts.pop()) return undefined;
  }
  return parts.length ? parts.join('/') : undefined;
}

/**
 * Reads `file` and, recursively, the files its `-r` lines include, calling `visit` for each file and
 * line. Each file is read once per `seen` (an include cycle ends; callers walking several files share
 * one set), files outside the project are never read, and a file `read` cannot read is skipped.
 */
export async function followIncludes(
  file: string,
  read: ReadProjectFile,
  visit: IncludeVisitor,
  seen = new Set<string>(),
): Promise<void> {
  if (seen.has(file)) return;
  seen.add(file);
  const text = await read(file);
  if (text === undefined) return;
  visit.file?.(file, text);
  for (const l of parseRequirements(text).lines) {
    visit.line?.(file, l);
    const target = l.kind === 'include' && l.path ? includeTarget(file, l.path) : undefined;
    if (target !== undefined) await followIncludes(target, read, visit, seen);
  }
}

/**
 * The normalised names declared by `file` and the files it includes; with `own: false`, only by the
 * included files (the merge adds to `file` itself and reads its lines on its own).
 */
export async function keysWithIncludes(file: string, read: ReadProjectFile, own = true): Promise<Set<string>> {
  const keys = new Set<string>();
  await followIncludes(file, read, {
    line: (f, l) => {
      if (l.key && (own || f !== file)) keys.add(l.key);
    },
  });
  return keys;
}

/** What `pip install -r FILE` reads besides FILE itself, so a Dockerfile can copy it in before pip runs. */
export interface PipInputs {
  /** Project-relative files and folders: `-r`/`-c` files, local paths (`./libs/mylib`, `-e ./pkg`), `-f ./wheels`. */
  files: string[];
  /** A `git+` (or other VCS) line: pip needs that tool in the image. */
  vcs: boolean;
}

const FIND_LINKS = new Set(['-f', '--find-links']);

/**
 * The inputs of `pip install -r file` run in the project's root (the image's WORKDIR): included and constraint
 * files are relative to the file naming them (as pip reads them), local paths and `--find-links` folders to the
 * working directory. Paths outside the project, absolute paths and the project itself (`-e .`, which the
 * Dockerfile installs after copying everything) are left out.
 */
export async function pipInputsOf(file: string, read: ReadProjectFile): Promise<PipInputs> {
  const files = new Set<string>();
  let vcs = false;
  await followIncludes(file, read, {
    line: (from, l) => {
      if (l.url && /^(git|hg|svn|bzr)\+/i.test(l.url)) vcs = true;
      let target: string | undefined;
      if ((l.kind === 'include' || l.kind === 'constraint') && l.path) target = includeTarget(from, l.path);
      else if ((l.kind === 'editable' || l.kind === 'reference') && l.path && !/^~/.test(l.path))
        target = includeTarget('requirements.txt', l.path.replace(/[#[].*$/, ''));
      else if (l.kind === 'option' && l.option && FIND_LINKS.has(l.option) && l.value && !/:\/\//.test(l.value))
        target = includeTarget('requirements.txt', l.value);
      if (target !== undefined && target !== file) files.add(target);
    },
  });
  return { files: [...files].sort(), vcs };
}
