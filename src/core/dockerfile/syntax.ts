import type { ValidatorSettings } from 'dockerfile-utils';
import { Finding, Severity } from '../findings';

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
  // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
  const { validate } = require('dockerfile-utils') as typeof import('dockerfile-utils');
  return validate(text, settings).map((d) => {
    const f: Finding = {
      line: d.range.start.line,
      col: d.range.start.character,
      endLine: d.range.end.line,
      endCol: d.range.end.character,
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
