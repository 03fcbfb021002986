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
