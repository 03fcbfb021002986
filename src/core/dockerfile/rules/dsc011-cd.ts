import { DscRule, RuleHit } from './types';
import { hadolint } from './buildkit/anchor';
import { nameOf, shellRuns, wordOffsets } from './runs';

export const dsc011: DscRule = {
  id: 'DSC011',
  anchor: hadolint('DL3003'),
  severity: 'warning',
  message: '`cd` in `RUN`: use `WORKDIR` to change directory.',
  docs: [
    '`cd` lasts only until the end of its `RUN`, so the next instruction runs somewhere else, and a failed `cd` in a',
    'chain without `set -e` leaves the rest running in the wrong place. `WORKDIR /path` sets the directory for every',
    'later instruction and creates it if needed.',
    '',
    'Quick fix (when the RUN starts with `cd /absolute/path &&`): a `WORKDIR` line before it, the `cd` removed.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { run, script, commands } of shellRuns(ctx)) {
      commands.forEach((c, k) => {
        if (nameOf(c) !== 'cd') return;
        const cd = c.words.find((w) => w.value === 'cd')!;
        const o = wordOffsets(script, cd);
        const dir = c.words[c.words.indexOf(cd) + 1];
        const next = commands[k + 1];
        // Only `RUN cd /abs && rest` becomes `WORKDIR /abs` + `RUN rest` without changing what runs.
        const mechanical =
          k === 0 &&
          !script.heredoc &&
          c.words.length === 2 &&
          dir &&
          /^\/[^$`]*$/.test(dir.value) &&
          next?.after === '&&';
        hits.push({
          span: ctx.span(o.start, o.end),
          fixes: mechanical
            ? () => {
                const r = run.getRange();
                const rest = script.map[next.words[0].start];
                const from = ctx.offset(run.getArgumentsRange()!.start);
                const at = ctx.position(from);
                const to = ctx.position(rest);
                return [
                  {
                    title: `Use WORKDIR ${dir.value}`,
                    edits: [
                      {
                        line: r.start.line,
                        col: 0,
                        endLine: r.start.line,
                        endCol: 0,
                        newText: `WORKDIR ${dir.value}\n`,
                      },
                      { line: at.line, col: at.col, endLine: to.line, endCol: to.col, newText: '' },
                    ],
                  },
                ];
              }
            : undefined,
        });
      });
    }
    return hits;
  },
};
