import { parseRequirements, RequirementLine } from './parse';
import { normalizeName } from './names';
import { isPlaceholderVersion } from './linuxLines';
import { equivalentDistributions, isDeclared } from '../python/data/distributions';
import { PinnedName, requirementLine, sortRequirements } from './render';

export interface MergeResult {
  /** The new file text: the user's lines unchanged, then the missing requirements. */
  text: string;
  /** Requirements appended (as written). */
  added: string[];
  /** Requirements in the file that nothing imports: reported, never removed. */
  unused: string[];
  /** Lines rewritten because the user changed them (`old → new`). */
  replaced: string[];
  /** Syntax errors in the existing file (kept as they are). */
  errors: { line: number; col: number; message: string }[];
  changed: boolean;
}

export interface MergeOptions {
  /** Names that are needed although nothing imports them (jupyterlab, uvicorn): never "unused". */
  tools?: readonly string[];
  /** Normalised names declared elsewhere (files this one includes with `-r`): present, never appended. */
  declaredElsewhere?: Iterable<string>;
  /**
   * Names whose existing line the user changed in Containerize's preview: that line is rewritten from
   * `wanted` (its marker and comment kept), the one exception to "every line byte for byte".
   */
  replace?: Iterable<string>;
}

/**
 * Merges wanted requirements into an existing requirements file. Every existing line (comments,
 * options, pins, markers, order, line endings) is kept byte for byte; what is missing is appended
 * under a comment; requirements that nothing needs are only reported.
 */
export function mergeRequirements(
  existing: string,
  wanted: readonly PinnedName[],
  options: MergeOptions = {},
): MergeResult {
  const parsed = parseRequirements(existing);
  const rewritten = rewriteLines(existing, parsed.lines, wanted, options.replace);
  const present = new Set(parsed.lines.map((l) => l.key).filter((k): k is string => !!k));
  for (const k of options.declaredElsewhere ?? []) present.add(normalizeName(k));
  // A wanted distribution is also served by its drop-in alternatives (opencv-python by opencv-python-headless).
  const wantedKeys = new Set([...wanted.map((w) => w.name), ...(options.tools ?? [])].flatMap(equivalentDistributions));
  const missing = sortRequirements(wanted).filter((w) => !isDeclared(w.name, present));
  // Each name once, however often the file lists it (the lint says DSC102 for the duplicate).
  const unusedLines = parsed.lines.filter((l) => isNamed(l) && !wantedKeys.has(l.key!));
  const unused = unusedLines.filter((l, i) => unusedLines.findIndex((o) => o.key === l.key) === i).map((l) => l.name!);
  const added = missing.map(requirementLine);
  const { replaced } = rewritten;
  if (!added.length)
    return { text: rewritten.text, added, unused, replaced, errors: parsed.errors, changed: replaced.length > 0 };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  let text = rewritten.text;
  if (text.length && !text.endsWith('\n')) text += eol;
  if (text.trim().length) text += eol;
  text += ['# Added by ds-containers: imported by the project but missing here.', ...added].join(eol) + eol;
  return { text, added, unused, replaced, errors: parsed.errors, changed: true };
}

/** The file with the lines of `replace` rewritten from `wanted`; the other physical lines as they were. */
function rewriteLines(
  existing: string,
  lines: readonly RequirementLine[],
  wanted: readonly PinnedName[],
  replace: Iterable<string> = [],
): { text: string; replaced: string[] } {
  const keys = new Set([...replace].map(normalizeName));
  const byKey = new Map(wanted.map((w) => [normalizeName(w.name), w]));
  const targets = lines.filter((l) => isNamed(l) && keys.has(l.key!) && byKey.has(l.key!));
  if (!targets.length) return { text: existing, replaced: [] };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const physical = existing.split(/\r?\n/);
  const replaced: string[] = [];
  // From the last to the first, so that earlier line numbers stay right.
  for (const l of [...targets].sort((a, b) => b.line - a.line)) {
    const w = byKey.get(l.key!)!;
    // The user's own marker and comment are kept below, so the line itself is the bare pin.
    const line = w.version && !isPlaceholderVersion(w.version) ? `${w.name}==${w.version}` : w.name;
    const rest = `${l.marker ? ` ; ${l.marker.trim()}` : ''}${l.comment ? `  ${l.comment.trim()}` : ''}`;
    physical.splice(l.line, l.lineCount, line + rest);
    replaced.unshift(`${l.raw.replace(/\s*\\\n\s*/g, ' ').trim()} → ${line}`);
  }
  return { text: physical.join(eol), replaced };
}

function isNamed(l: RequirementLine): boolean {
  return l.kind === 'requirement' && !!l.key;
}
