import type { Instruction } from 'dockerfile-ast';
import { DscRule, RuleHit } from './types';
import { LintContext, insertAt } from './context';
import { hadolint } from './buildkit/anchor';
import { nameOf, shellRuns } from './runs';

const PIPEFAIL_SHELL = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]';

/** The SHELL in effect for an instruction of stage k (its own stage only: SHELL is per stage), or undefined. */
function shellOf(ctx: LintContext, stage: number, before: Instruction): string | undefined {
  let shell: string | undefined;
  for (const i of ctx.stages[stage].instructions) {
    if (i === before) break;
    if (i.getKeyword() === 'SHELL') shell = ctx.raw(i);
  }
  return shell;
}

export const dsc013: DscRule = {
  id: 'DSC013',
  anchor: hadolint('DL4006'),
  severity: 'warning',
  message: 'A pipe in `RUN` without `pipefail`: a failing command before `|` does not fail the build.',
  docs: [
    "`RUN curl -fsSL URL | tar -xz` succeeds when `curl` fails, because a pipeline's status is its last command's.",
    'With `pipefail` any failing command fails the step. Set it once per stage with',
    '`SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (images with bash), or start the command with `set -o pipefail &&`',
    '(shells that support it).',
    '',
    'Quick fixes: insert that `SHELL` line before the `RUN`, or prefix the command with `set -o pipefail &&`.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { run, stage, script, commands } of shellRuns(ctx)) {
      const piped = commands.find((c) => c.after === '|');
      if (!piped) continue;
      if (
        /\bpipefail\b/.test(shellOf(ctx, stage, run) ?? '') ||
        /-o[ \t]+pipefail|-[a-z]*o[ \t]*pipefail/.test(script.text)
      )
        continue;
      // hadolint's exemption: a non-POSIX shell (PowerShell) has no pipefail.
      if (
        /pwsh|powershell|cmd/.test(shellOf(ctx, stage, run) ?? '') ||
        commands.some((c) => nameOf(c) === 'set' && c.words.some((w) => w.value === 'pipefail'))
      )
        continue;
      const r = run.getRange();
      const args = run.getArgumentsRange()!;
      hits.push({
        span: {
          line: r.start.line,
          col: r.start.character,
          endLine: r.start.line,
          endCol: ctx.lines[r.start.line].length,
        },
        fixes: () => [
          { title: `Insert ${PIPEFAIL_SHELL}`, edits: [insertAt(r.start.line, 0, `${PIPEFAIL_SHELL}\n`)] },
          ...(script.heredoc
            ? []
            : [
                {
                  title: 'Start the command with set -o pipefail &&',
                  edits: [insertAt(args.start.line, args.start.character, 'set -o pipefail && ')],
                },
              ]),
        ],
      });
    }
    return hits;
  },
};
