import { DscRule, RuleHit } from './types';
import { insertAt } from './context';
import { FixAction, TextEdit } from '../../findings';

const APT_INSTALL = /\bapt(?:-get)?[ \t]+(?:-[^ \t\r\n]+[ \t]+)*install\b/g;
const CLEAN = /rm[ \t]+-(?:rf|fr|r)[ \t]+\/var\/lib\/apt\/lists/;

export const dsc005: DscRule = {
  id: 'DSC005',
  severity: 'warning',
  message: '`apt-get install` without `--no-install-recommends` and removing `/var/lib/apt/lists` in the same `RUN`.',
  docs: [
    'By default apt also installs "recommended" packages, which often doubles the size of what you asked for, and the',
    'package lists it downloads (`/var/lib/apt/lists`, tens of megabytes) stay in the layer ' +
      'unless the same `RUN` removes them.',
    '',
    '```dockerfile',
    'RUN apt-get update \\',
    '    && apt-get install -y --no-install-recommends libgomp1 \\',
    '    && rm -rf /var/lib/apt/lists/*',
    '```',
    'Quick fix: adds whichever of the two is missing. A cache mount on `/var/lib/apt` also satisfies the second.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const stage of ctx.stages) {
      for (const run of stage.instructions.filter((i) => i.getKeyword() === 'RUN')) {
        const { start, end } = ctx.bounds(run);
        const body = ctx.text.slice(start, end);
        const installs = [...body.matchAll(APT_INSTALL)];
        if (!installs.length) continue;
        const noRecs = /--no-install-recommends\b/.test(body);
        const cleaned = CLEAN.test(body) || /--mount=[^\s]*type=cache[^\s]*target=\/var\/lib\/apt/.test(body);
        if (noRecs && cleaned) continue;
        const m = installs[0];
        const at = start + m.index!;
        const heredoc = ctx.isJsonForm(run) || /<<-?\s*["']?\w/.test(body);
        hits.push({
          span: ctx.span(at, at + m[0].length),
          fixes: () => {
            const edits: TextEdit[] = [];
            if (!noRecs)
              for (const x of installs) {
                const p = ctx.position(start + x.index! + x[0].length);
                edits.push(insertAt(p.line, p.col, ' --no-install-recommends'));
              }
            if (!cleaned && !heredoc) {
              const p = ctx.position(end);
              edits.push(insertAt(p.line, p.col, ' \\\n    && rm -rf /var/lib/apt/lists/*'));
            }
            const fix: FixAction = { title: 'Add --no-install-recommends and remove the apt lists', edits };
            return edits.length ? [fix] : [];
          },
        });
      }
    }
    return hits;
  },
};
