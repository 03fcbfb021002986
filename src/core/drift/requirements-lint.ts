import { Finding, FixAction, TextEdit } from '../findings';
import { parseRequirements, RequirementLine } from '../requirements/parse';
import { DriftEnv, installedVersion } from './env';
import { ImportIndex, unusedRequirements } from './index';
import { stubReplacement } from '../python/data/stubs';
import { renameEdit } from '../requirements/rewrite';

export const REQ_SOURCE = 'dsc-requirements';
/** Stable codes of the requirements-file diagnostics and the import-drift warning. */
export const REQ_CODES = {
  syntax: 'DSC101',
  duplicate: 'DSC102',
  unpinned: 'DSC103',
  unused: 'DSC104',
  missing: 'DSC105',
  stub: 'DSC106',
} as const;

function lineFinding(l: RequirementLine, code: string, severity: Finding['severity'], message: string): Finding {
  const first = l.raw.split('\n')[0];
  const col = l.nameStart ?? 0;
  return {
    line: l.line,
    col,
    endLine: l.line,
    endCol: l.nameEnd ?? first.length,
    severity,
    code,
    message,
    source: REQ_SOURCE,
  };
}

/**
 * Diagnostics of a requirements file: syntax errors, duplicates, unpinned requirements and, when
 * an import index is given, requirements that nothing imports. `lockedBy` names the lock that constrains
 * the build (constrainingLock): no requirement is then "not pinned".
 */
export function requirementFindings(
  text: string,
  index?: ImportIndex,
  env?: DriftEnv,
  opts: { lockedBy?: string } = {},
): Finding[] {
  const { lines } = parseRequirements(text);
  const out: Finding[] = [];
  const seen = new Map<string, RequirementLine>();
  for (const l of lines) {
    if (l.kind === 'invalid') {
      out.push({
        line: l.line,
        col: l.error!.col,
        endLine: l.line,
        endCol: l.raw.split('\n')[0].length,
        severity: 'error',
        code: REQ_CODES.syntax,
        message: l.error!.message,
        source: REQ_SOURCE,
      });
      continue;
    }
    if (l.kind !== 'requirement' || !l.key) continue;
    const first = seen.get(l.key);
    // The same name under different environment markers is how pip spells per-platform pins.
    if (first && !(first.marker || l.marker)) {
      out.push(
        lineFinding(l, REQ_CODES.duplicate, 'warning', `${l.name} is already required on line ${first.line + 1}.`),
      );
    } else if (!first) seen.set(l.key, l);
    const real = l.name ? stubReplacement(l.name, l.pinned) : undefined;
    if (real)
      out.push(
        lineFinding(
          l,
          REQ_CODES.stub,
          'error',
          `${l.name} is a placeholder on the index that refuses to install; the package is ${real}.`,
        ),
      );
    if (!l.pinned && !l.url && !opts.lockedBy)
      out.push(
        lineFinding(
          l,
          REQ_CODES.unpinned,
          'information',
          `${l.name} is not pinned to one version: builds may install a different one.`,
        ),
      );
  }
  if (index && env) {
    for (const l of unusedRequirements(lines, index, env)) {
      out.push({
        ...lineFinding(l, REQ_CODES.unused, 'hint', `Nothing in the project imports ${l.name}.`),
        tags: ['unnecessary'],
      });
    }
  }
  return out;
}

/** The requirement line a finding points at. */
export function requirementAt(text: string, line: number): RequirementLine | undefined {
  return parseRequirements(text).lines.find((l) => l.line <= line && line < l.line + l.lineCount);
}

/** Fixes for a requirements finding: pin to the installed version, remove the line. */
export function requirementFixes(
  text: string,
  finding: Pick<Finding, 'code' | 'line'>,
  env?: Pick<DriftEnv, 'interp'>,
): FixAction[] {
  const l = requirementAt(text, finding.line);
  if (!l) return [];
  const fixes: FixAction[] = [];
  const real = finding.code === REQ_CODES.stub && l.name ? stubReplacement(l.name, l.pinned) : undefined;
  const rename = real && renameEdit(l, real);
  if (rename) return [{ title: `Replace ${l.name} with ${real}`, edits: [rename] }];
  const version = l.name && env ? installedVersion(l.name, env) : undefined;
  const pin = version && l.lineCount === 1 && l.nameEnd !== undefined ? pinEdit(l, version) : undefined;
  if (pin && (finding.code === REQ_CODES.unpinned || finding.code === REQ_CODES.duplicate)) {
    fixes.push({ title: `Pin ${l.name}==${version} (installed version)`, edits: [pin] });
  }
  if (finding.code !== REQ_CODES.unpinned) {
    fixes.push({
      title: `Remove ${l.name ?? 'this line'}`,
      edits: [{ line: l.line, col: 0, endLine: l.line + l.lineCount, endCol: 0, newText: '' }],
    });
  }
  return fixes;
}

/**
 * Replaces what follows the name and extras (the version specifiers) with `==version`, keeping markers and
 * comments.
 */
function pinEdit(l: RequirementLine, version: string): TextEdit {
  let from = l.nameEnd!;
  const rest = l.raw.slice(from);
  const extras = /^\s*\[[^\]]*\]/.exec(rest);
  if (extras) from += extras[0].length;
  const tail = l.raw.slice(from);
  const stop = tail.search(/\s*(;|\s#|\s--hash|$)/);
  return { line: l.line, col: from, endLine: l.line, endCol: from + stop, newText: `==${version}` };
}

/** Appends one requirement line at the end of a requirements file, never touching the other lines. */
export function appendRequirement(text: string, spec: string): TextEdit {
  const lines = text.split('\n');
  const last = lines.length - 1;
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  return {
    line: last,
    col: lines[last].length,
    endLine: last,
    endCol: lines[last].length,
    newText: `${needsNewline ? '\n' : ''}${spec}\n`,
  };
}

/** Reference entries of the requirements and import-drift diagnostics, for docs/rules.md. */
export const REQUIREMENT_RULES = [
  {
    id: REQ_CODES.syntax,
    severity: 'error',
    message: 'A line of the requirements file that pip would reject.',
    docs:
      'pip stops at the first line it cannot parse, so the whole install fails. ' +
      'The message says what was expected at the column shown.',
  },
  {
    id: REQ_CODES.duplicate,
    severity: 'warning',
    message: 'The same package is required twice.',
    docs:
      'pip refuses two different pins of one package, and two equal lines hide which one you meant to keep. ' +
      'The same name under different environment markers (`; sys_platform == "win32"`) is not a duplicate. ' +
      'Quick fixes: remove the line, or pin it to the installed version.',
  },
  {
    id: REQ_CODES.unpinned,
    severity: 'information',
    message: 'A requirement that does not pin one version.',
    docs:
      'Without `==`, each build installs whatever is newest that day. ' +
      'Not reported when a lock constrains the build: requirements.lock beside it that the Dockerfile installs ' +
      "with `-c requirements.lock`, or the project's uv.lock, pylock.toml, poetry.lock or Pipfile.lock. " +
      'Quick fix: pin to the version installed in the selected interpreter.',
  },
  {
    id: REQ_CODES.unused,
    severity: 'hint',
    message: 'A requirement that no file of the project imports.',
    docs:
      'It makes the image bigger and the build slower. Tools run from the command line and backends loaded by name ' +
      '(jupyter, jupyterlab, notebook, ipykernel, gunicorn, uvicorn, streamlit, openpyxl, pyarrow, ' +
      'database drivers…) are never reported. Shown once every file of the project has been read. ' +
      'Quick fix: remove the line.',
  },
  {
    id: REQ_CODES.stub,
    severity: 'error',
    message: 'A name whose release on the index is a placeholder that fails on purpose (sklearn, skimage, pytorch…).',
    docs:
      'pip stops at it and installs nothing: `sklearn` is scikit-learn, `skimage` scikit-image, `pytorch` torch, ' +
      '`tensorflow-gpu` (from 2.12) tensorflow. The scan never writes such a name. ' +
      'Quick fix: replace it with the real name (pins, extras and markers kept).',
  },
  {
    id: REQ_CODES.missing,
    severity: 'warning',
    message: 'A third-party import (in a .py file or a notebook cell) that no requirement provides.',
    docs:
      "The container will fail with `ModuleNotFoundError`. Standard-library modules, the project's own modules, " +
      'relative imports, imports inside `try: … except ImportError`, type-checking-only imports and imports in ' +
      'tests/docs are not reported. Active in folders that have a requirements.txt; re-checked when a file is saved. ' +
      'Quick fix: "Add NAME==VERSION to requirements.txt" ' +
      '(the installed version; no version when the interpreter does not have it).',
  },
];
