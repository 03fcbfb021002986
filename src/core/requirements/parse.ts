import type {
  ProjectNameRequirement,
  Requirement as PipRequirement,
  RequirementsSyntaxError,
  VersionOperator,
} from 'pip-requirements-js';
import { normalizeName } from './names';
import { physicalLines, splitComment, splitPerRequirementOptions } from './lines';

export { normalizeName } from './names';

/** What one logical line of a requirements file is. */
export type RequirementLineKind =
  | 'blank'
  | 'comment'
  /** `name[extras] specs ; marker` or `name @ url` */
  | 'requirement'
  /** `-r FILE` / `--requirement FILE` */
  | 'include'
  /** `-c FILE` / `--constraint FILE` */
  | 'constraint'
  /** `-e PATH_OR_URL` */
  | 'editable'
  /** a bare URL or local path (`./pkg`, `https://…/x.whl`) */
  | 'reference'
  /** a global option such as `--index-url URL` or `--pre` */
  | 'option'
  /** pip would reject it; see `error` */
  | 'invalid';

export interface RequirementSpecifier {
  operator: string;
  version: string;
}

/**
 * One logical line (physical lines joined by a trailing backslash), with its original text kept
 * verbatim so that a merge can write the file back unchanged. Lines and columns are 0-based.
 */
export interface RequirementLine {
  line: number;
  /** Physical lines it spans (more than 1 with backslash continuations). */
  lineCount: number;
  /** The original text, physical lines joined with "\n", without the final newline. */
  raw: string;
  kind: RequirementLineKind;
  /** Trailing or whole-line comment, from the `#`. */
  comment?: string;
  /** Distribution name as written (requirements, and editables/references with `#egg=`). */
  name?: string;
  /** PEP 503 normalised name, for comparisons. */
  key?: string;
  /** Columns of the name on `line` (only when the name is on the first physical line). */
  nameStart?: number;
  nameEnd?: number;
  extras?: string[];
  specifiers?: RequirementSpecifier[];
  /** The version when the line pins exactly (`==X` or `===X`, no wildcard). */
  pinned?: string;
  /** Environment marker text after `;`, as written. */
  marker?: string;
  /** URL of `name @ url`, editable or reference lines. */
  url?: string;
  /** File of `-r` / `-c`, path of local editables and references. */
  path?: string;
  /** Option name for option/include/constraint/editable lines, e.g. "--index-url" or "-r". */
  option?: string;
  /** Value of an option line, e.g. the URL of `--index-url URL`. */
  value?: string;
  /** Per-requirement options such as `--hash=sha256:…`, as written. */
  requirementOptions?: string[];
  error?: { message: string; col: number };
}

export interface ParsedRequirements {
  lines: RequirementLine[];
  /** The invalid lines, for diagnostics: `line`, `col` 0-based. */
  errors: { line: number; col: number; message: string }[];
}

const includeOptions = new Set(['-r', '--requirement']);
const constraintOptions = new Set(['-c', '--constraint']);
const editableOptions = new Set(['-e', '--editable']);

/**
 * Parses a requirements file without losing anything: every line is kept with its comment, options,
 * markers and extras. Requirement syntax is checked by `pip-requirements-js`; syntax errors are
 * reported per line (never thrown) so that one bad line does not hide the rest.
 */
export function parseRequirements(text: string): ParsedRequirements {
  const lines: RequirementLine[] = [];
  for (const phys of physicalLines(text)) lines.push(classify(phys.line, phys.lineCount, phys.raw, phys.logical));
  const errors = lines
    .filter((l) => l.error)
    .map((l) => ({ line: l.line, col: l.error!.col, message: l.error!.message }));
  return { lines, errors };
}

function classify(line: number, lineCount: number, raw: string, logical: string): RequirementLine {
  const base: RequirementLine = { line, lineCount, raw, kind: 'blank' };
  const { body, comment, bodyStart } = splitComment(logical);
  if (comment !== undefined) base.comment = comment;
  if (body.trim() === '') return { ...base, kind: comment !== undefined ? 'comment' : 'blank' };
  if (body.startsWith('-')) return classifyOption(base, body, bodyStart);
  if (isReference(body)) return { ...base, kind: 'reference', ...reference(body.trim()) };
  return classifyRequirement(base, body, bodyStart);
}

function classifyOption(base: RequirementLine, body: string, bodyStart: number): RequirementLine {
  const m = /^(--?[A-Za-z][\w-]*)(?:[=\s]\s*(.*))?$/.exec(body.trim());
  if (!m) return invalid(base, 'not a valid option', bodyStart);
  const option = m[1];
  const value = m[2]?.trim() || undefined;
  if (includeOptions.has(option) || constraintOptions.has(option)) {
    if (!value) return invalid(base, `${option} needs a file name`, bodyStart);
    return { ...base, kind: includeOptions.has(option) ? 'include' : 'constraint', option, path: value };
  }
  if (editableOptions.has(option)) {
    if (!value) return invalid(base, `${option} needs a path or URL`, bodyStart);
    return { ...base, kind: 'editable', option, ...reference(value) };
  }
  return value ? { ...base, kind: 'option', option, value } : { ...base, kind: 'option', option };
}

/** A URL, archive or local path rather than a PEP 508 requirement (pip accepts those as-is). */
function isReference(body: string): boolean {
  const t = body.trim();
  if (/^[A-Za-z0-9._-]+\s*@/.test(t)) return false; // `name @ url` is PEP 508
  return (
    /^(\.{1,2}[\\/]|\/|~|[A-Za-z]:[\\/]|[a-z][a-z0-9+.-]*:\/\/)/i.test(t) || /\.(whl|tar\.gz|zip|tar\.bz2)$/i.test(t)
  );
}

function reference(value: string): Partial<RequirementLine> {
  const egg = /#(?:.*&)?egg=([A-Za-z0-9._-]+)/.exec(value);
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || /^(git|hg|svn|bzr)\+/.test(value);
  const out: Partial<RequirementLine> = isUrl ? { url: value } : { path: value };
  if (egg) {
    out.name = egg[1];
    out.key = normalizeName(egg[1]);
  }
  return out;
}

function classifyRequirement(base: RequirementLine, body: string, bodyStart: number): RequirementLine {
  const { spec, options } = splitPerRequirementOptions(body);
  const lead = spec.length - spec.trimStart().length;
  let parsed;
  try {
    parsed = simpleRequirement(spec.trim()) ?? libraryParse(spec.trim());
  } catch (e) {
    if (e instanceof pip().RequirementsSyntaxError) {
      const m = /col (\d+):\s*(.*)$/s.exec(e.message);
      const col = bodyStart + lead + (m ? Number(m[1]) - 1 : 0);
      return invalid(base, m ? `invalid requirement: ${m[2].split('\n')[0]}` : 'invalid requirement', col);
    }
    throw e;
  }
  if (!parsed || (parsed.type !== 'ProjectName' && parsed.type !== 'ProjectURL'))
    return invalid(base, 'invalid requirement', bodyStart);
  const out: RequirementLine = { ...base, kind: 'requirement', name: parsed.name, key: normalizeName(parsed.name) };
  const nameAt = base.raw.indexOf(parsed.name, bodyStart + lead);
  if (nameAt >= 0 && nameAt + parsed.name.length <= firstLineLength(base.raw)) {
    out.nameStart = nameAt;
    out.nameEnd = nameAt + parsed.name.length;
  }
  if (parsed.extras?.length) out.extras = parsed.extras;
  if (parsed.type === 'ProjectURL') out.url = parsed.url;
  if (parsed.type === 'ProjectName' && parsed.versionSpec?.length) {
    out.specifiers = parsed.versionSpec.map((v) => ({ operator: v.operator, version: v.version }));
    const only = out.specifiers.length === 1 ? out.specifiers[0] : undefined;
    if (only && (only.operator === '==' || only.operator === '===') && !only.version.includes('*'))
      out.pinned = only.version;
  }
  const semi = spec.indexOf(';');
  if (semi >= 0 && parsed.type === 'ProjectName') out.marker = spec.slice(semi + 1).trim();
  else if (parsed.type === 'ProjectURL' && /;\s*\S/.test(spec.slice(spec.indexOf(parsed.url) + parsed.url.length))) {
    out.marker = spec
      .slice(spec.indexOf(parsed.url) + parsed.url.length)
      .replace(/^\s*;/, '')
      .trim();
  }
  if (options.length) out.requirementOptions = options;
  return out;
}

// Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
const pip = (): typeof import('pip-requirements-js') => require('pip-requirements-js');

// The library's results by line text: the editor re-parses a file whose lines barely change.
const memo = new Map<string, PipRequirement | null | RequirementsSyntaxError>();

function libraryParse(spec: string): PipRequirement | null {
  let hit = memo.get(spec);
  if (hit === undefined) {
    try {
      hit = pip().parsePipRequirementsLine(spec);
    } catch (e) {
      if (!(e instanceof pip().RequirementsSyntaxError)) throw e;
      hit = e;
    }
    if (memo.size >= 5000) memo.clear();
    memo.set(spec, hit);
  }
  if (hit instanceof pip().RequirementsSyntaxError) throw hit;
  return hit;
}

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?';
const SPEC = '(~=|===|==|!=|<=|>=|<|>)\\s*([A-Za-z0-9_.*+!-]+)';
const SIMPLE = new RegExp(
  `^(${NAME})\\s*(?:\\[\\s*(${NAME}(?:\\s*,\\s*${NAME})*)\\s*\\])?\\s*((?:${SPEC})(?:\\s*,\\s*${SPEC})*)?$`,
);
const SPEC_G = new RegExp(SPEC, 'g');

/**
 * The common case (`name`, `name[extras]`, `name==1.2, !=1.3`; no marker, URL or parentheses) read
 * directly: the PEP 508 grammar of pip-requirements-js costs ~0.15 ms a line, too slow for a large
 * file re-parsed while the user types. Anything else goes to the library; a unit test checks that
 * both agree on the lines this accepts.
 */
export function simpleRequirement(spec: string): ProjectNameRequirement | undefined {
  const m = SIMPLE.exec(spec);
  if (!m) return undefined;
  const out: ProjectNameRequirement = { type: 'ProjectName', name: m[1] };
  if (m[2] !== undefined) out.extras = m[2].split(',').map((e) => e.trim());
  if (m[3])
    out.versionSpec = [...m[3].matchAll(SPEC_G)].map((v) => ({ operator: v[1] as VersionOperator, version: v[2] }));
  return out;
}

function firstLineLength(raw: string): number {
  const nl = raw.indexOf('\n');
  return nl < 0 ? raw.length : nl;
}

function invalid(base: RequirementLine, message: string, col: number): RequirementLine {
  return { ...base, kind: 'invalid', error: { message, col: Math.min(col, firstLineLength(base.raw)) } };
}
