import type { ValidatorSettings } from 'dockerfile-utils';
import { Finding, Severity } from '../findings';
import { sharedParser } from './parse';

/** The validator that dockerfile-language-service runs, under the name users see in the Problems panel. */
export const SYNTAX_SOURCE = 'dockerfile-utils';

const severities: Record<number, Severity> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
// LSP DiagnosticTag: 1 Unnecessary, 2 Deprecated.
const tagNames: Record<number, 'unnecessary' | 'deprecated'> = { 1: 'unnecessary', 2: 'deprecated' };

/**
 * Syntax and semantic problems of a Dockerfile (unknown instructions, missing arguments, bad flags,
 * casing, ...) as found by dockerfile-utils, the validator behind dockerfile-language-service.
 */
export function syntaxFindings(text: string, settings?: ValidatorSettings): Finding[] {
  // The validator can end a range past the last line (an empty continuation at the end of the file).
  const last = text.split(/\r\n|\r|\n/);
  const clamp = (p: { line: number; character: number }) =>
    p.line < last.length ? p : { line: last.length - 1, character: last[last.length - 1].length };
  return validateSafely(text, settings).map((d) => {
    const start = clamp(d.range.start);
    const end = clamp(d.range.end);
    const f: Finding = {
      line: start.line,
      col: start.character,
      endLine: end.line,
      endCol: end.character,
      severity: severities[d.severity ?? 1] ?? 'error',
      code: d.code === undefined ? '' : String(d.code),
      message: typeof d.message === 'string' ? d.message : d.message.value,
      source: SYNTAX_SOURCE,
    };
    const tags = (d.tags ?? []).map((t) => tagNames[t]).filter(Boolean);
    if (tags.length) f.tags = tags;
    return f;
  });
}

type Diagnostic = ReturnType<typeof import('dockerfile-utils').validate>[number];

/**
 * dockerfile-ast recurses without end (a RangeError) when the file's first instruction is indented and
 * names a variable (` RUN $X`): it looks the variable up from column 0 of that line, which no part
 * of the file contains. Validate a copy with that line's indent removed, and put the columns back.
 */
function validateSafely(text: string, settings?: ValidatorSettings): Diagnostic[] {
  // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
  const { validate } = require('dockerfile-utils') as typeof import('dockerfile-utils');
  sharedParser(); // the validator's parse is then the rules' parse of the same text
  try {
    return validate(text, settings);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const m = /^(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*?([ \t]+)(?=[^ \t\r\n#])/.exec(text);
    if (!m) return [unvalidated(e)];
    const at = m.index + m[0].length - m[1].length;
    const line = text.slice(0, at).split(/\r\n|\r|\n/).length - 1;
    const k = m[1].length;
    try {
      return validate(text.slice(0, at) + text.slice(at + k), settings).map((d) => {
        const shift = (p: { line: number; character: number }) =>
          p.line === line ? { line, character: p.character + k } : p;
        return { ...d, range: { start: shift(d.range.start), end: shift(d.range.end) } };
      });
    } catch (again) {
      if (again instanceof RangeError) return [unvalidated(again)];
      throw again;
    }
  }
}

/** One honest finding instead of a stack trace when the validator cannot read the file at all. */
function unvalidated(e: Error): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 2,
    message: `The Dockerfile validator could not read this file (${e.message}); syntax problems are not shown.`,
    source: SYNTAX_SOURCE,
  };
}
