import { DscRule, RuleHit } from '../types';
import { buildCheck } from './anchor';

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export const multipleInstructionsDisallowed: DscRule = {
  id: 'MultipleInstructionsDisallowed',
  anchor: buildCheck('MultipleInstructionsDisallowed'),
  severity: 'warning',
  message: 'Multiple instructions of the same type should not be used in the same stage.',
  docs: [
    'Only the last `CMD`, `ENTRYPOINT` or `HEALTHCHECK` of a stage takes effect; ' +
      'the earlier ones do nothing but mislead.',
    '',
    'Quick fix: removes the earlier instruction.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const stage of ctx.stages) {
      for (const kw of ONCE) {
        const all = stage.instructions.filter((i) => i.getKeyword() === kw);
        for (const i of all.slice(0, -1)) {
          const r = i.getRange();
          hits.push({
            span: ctx.rangeSpan(r),
            message:
              `Multiple ${kw} instructions should not be used in the same stage ` +
              'because only the last one will be used.',
            fixes: () => [
              {
                title: `Remove this ${kw}`,
                edits: [{ line: r.start.line, col: 0, endLine: r.end.line + 1, endCol: 0, newText: '' }],
              },
            ],
          });
        }
      }
    }
    return hits;
  },
};
