import { DscRule, RuleHit } from './types';
import { nameOf, shellRuns } from './runs';
import { SimpleCommand } from '../shell';

const isApt = (c: SimpleCommand, verb: string) =>
  /^apt(?:-get)?$/.test(nameOf(c)) && c.words.some((w) => w.value === verb);

export const dsc014: DscRule = {
  id: 'DSC014',
  severity: 'warning',
  message: '`apt-get update` in a `RUN` of its own: the install that follows can use stale package lists.',
  docs: [
    'Docker caches the `RUN apt-get update` layer: when you later add a package to the install line, the update is not',
    're-run, and the install works from package lists as old as that cache (or fails on versions that are gone).',
    "Update and install in the same `RUN` (Docker's best practices for `apt-get`):",
    '```dockerfile',
    'RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 \\',
    '    && rm -rf /var/lib/apt/lists/*',
    '```',
    'Quick fix: removes the lone update and starts the next `apt-get install` RUN of the stage ' +
      'with `apt-get update &&`.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    const runs = shellRuns(ctx);
    runs.forEach((r, k) => {
      if (!r.commands.some((c) => isApt(c, 'update')) || r.commands.some((c) => isApt(c, 'install'))) return;
      const next = runs.slice(k + 1).find((n) => n.stage === r.stage && n.commands.some((c) => isApt(c, 'install')));
      const range = r.run.getRange();
      const onlyUpdate = r.commands.length === 1;
      hits.push({
        span: ctx.rangeSpan(range),
        fixes:
          next && onlyUpdate && !next.script.heredoc
            ? () => {
                const a = next.run.getArgumentsRange()!;
                return [
                  {
                    title: 'Merge apt-get update into the install RUN',
                    edits: [
                      { line: range.start.line, col: 0, endLine: range.end.line + 1, endCol: 0, newText: '' },
                      {
                        line: a.start.line,
                        col: a.start.character,
                        endLine: a.start.line,
                        endCol: a.start.character,
                        newText: 'apt-get update && ',
                      },
                    ],
                  },
                ];
              }
            : undefined,
      });
    });
    return hits;
  },
};
