import { parseRequirements, RequirementLine } from './parse';
import { normalizeName } from './names';
import { equivalentDistributions, isDeclared } from '../python/data/distributions';
import { PinnedName, requirementLine, sortRequirements } from './render';

export interface MergeResult {
  /** The new file text: the user's lines unchanged, then the missing requirements. */
  text: string;
  /** Requirements appended (as written). */
  added: string[];
  /** Requirements in the file that nothing imports: reported, never removed. */
  unused: string[];
  /** Syntax errors in the existing file (kept as they are). */
  errors: { line: number; col: number; message: string }[];
  changed: boolean;
}

export interface MergeOptions {
  /** Names that are needed although nothing imports them (jupyterlab, uvicorn): never "unused". */
  tools?: readonly string[];
  /** Normalised names declared elsewhere (files this one includes with `-r`): present, never appended. */
  declaredElsewhere?: Iterable<string>;
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
  const present = new Set(parsed.lines.map((l) => l.key).filter((k): k is string => !!k));
  for (const k of options.declaredElsewhere ?? []) present.add(normalizeName(k));
  // A wanted distribution is also served by its drop-in alternatives (opencv-python by opencv-python-headless).
  const wantedKeys = new Set([...wanted.map((w) => w.name), ...(options.tools ?? [])].flatMap(equivalentDistributions));
  const missing = sortRequirements(wanted).filter((w) => !isDeclared(w.name, present));
  const unused = parsed.lines.filter((l) => isNamed(l) && !wantedKeys.has(l.key!)).map((l) => l.name!);
  const added = missing.map(requirementLine);
  if (!added.length) return { text: existing, added, unused, errors: parsed.errors, changed: false };
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  let text = existing;
  if (text.length && !text.endsWith('\n')) text += eol;
  if (text.trim().length) text += eol;
  text += ['# Added by ds-containers: imported by the project but missing here.', ...added].join(eol) + eol;
  return { text, added, unused, errors: parsed.errors, changed: true };
}

function isNamed(l: RequirementLine): boolean {
  return l.kind === 'requirement' && !!l.key;
}
