import { DscRule, RuleHit } from './types';
import { hadolint } from './buildkit/anchor';
import { nameOf, shellRuns, wordOffsets } from './runs';

export const dsc017: DscRule = {
  id: 'DSC017',
  anchor: hadolint('DL4001'),
  severity: 'warning',
  message: 'Both `curl` and `wget` are used: pick one, and install only that.',
  docs: [
    'Two download tools do the same job and both end up in the image. Use one of them throughout (curl: `curl -fsSL`),',
    'and install only that one.',
  ].join('\n'),
  check(ctx) {
    const uses: Record<string, { start: number; end: number }[]> = { curl: [], wget: [] };
    for (const { script, commands } of shellRuns(ctx)) {
      for (const c of commands) {
        const n = nameOf(c);
        if (n === 'curl' || n === 'wget')
          uses[n].push(
            wordOffsets(
              script,
              c.words.find((w) => w.value === n)!,
            ),
          );
      }
    }
    if (!uses.curl.length || !uses.wget.length) return [];
    // The tool that comes second is the one to reconsider.
    const later = uses.curl[0].start > uses.wget[0].start ? uses.curl : uses.wget;
    return later.map((o): RuleHit => ({ span: ctx.span(o.start, o.end) }));
  },
};
