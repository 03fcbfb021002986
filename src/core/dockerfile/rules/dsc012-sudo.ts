import { DscRule, RuleHit } from './types';
import { hadolint } from './buildkit/anchor';
import { nameOf, shellRuns, wordOffsets } from './runs';

export const dsc012: DscRule = {
  id: 'DSC012',
  anchor: hadolint('DL3004'),
  severity: 'error',
  message: 'Do not use `sudo` in `RUN`: switch with `USER` instead.',
  docs: [
    '`sudo` in an image has unpredictable TTY and signal behaviour and means a password-less sudo is installed, which',
    'undoes the point of a non-root user. Run the step before `USER app` (as root), ' +
      'or switch with `USER root` and back.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { script, commands } of shellRuns(ctx)) {
      for (const c of commands) {
        if (nameOf(c) !== 'sudo') continue;
        const o = wordOffsets(
          script,
          c.words.find((w) => w.value === 'sudo')!,
        );
        hits.push({ span: ctx.span(o.start, o.end) });
      }
    }
    return hits;
  },
};
