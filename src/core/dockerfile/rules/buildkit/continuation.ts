import { DscRule, RuleHit } from '../types';
import { buildCheck } from './anchor';

export const noEmptyContinuation: DscRule = {
  id: 'NoEmptyContinuation',
  anchor: buildCheck('NoEmptyContinuation'),
  severity: 'warning',
  message: 'Empty continuation lines will become errors in a future release.',
  docs: [
    'A blank line inside a `\\`-continued instruction is skipped today, but Docker plans to make it an error, and it',
    'hides where the instruction ends. Remove it, or put a comment there.',
    '',
    'Quick fix: removes the empty line.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.instructions) {
      const r = i.getRange();
      if (r.start.line === r.end.line || ctx.script(i)?.heredoc || /<<-?[ \t]*["']?\w/.test(ctx.lines[r.start.line]))
        continue;
      for (let l = r.start.line + 1; l <= r.end.line; l++) {
        if (/^[ \t]*$/.test(ctx.lines[l]) && /\\[ \t]*$/.test(ctx.lines[l - 1] ?? '')) {
          hits.push({
            span: { line: l, col: 0, endLine: l, endCol: ctx.lines[l].length },
            message: 'Empty continuation line.',
            fixes: () => [
              { title: 'Remove the empty line', edits: [{ line: l, col: 0, endLine: l + 1, endCol: 0, newText: '' }] },
            ],
          });
        }
      }
    }
    return hits;
  },
};
