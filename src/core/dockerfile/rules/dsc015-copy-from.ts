import { DscRule, RuleHit } from './types';
import { hadolint } from './buildkit/anchor';
import { flagsOf } from './buildkit/casing';

export const dsc015: DscRule = {
  id: 'DSC015',
  anchor: hadolint('DL3022'),
  severity: 'error',
  message:
    '`COPY --from` names no stage defined before it: Docker will look for an image of that name, and the build fails.',
  docs: [
    '`COPY --from=builder` copies from the stage `builder` only when a `FROM … AS builder` comes before it ' +
      '(or from a',
    'stage number lower than the current one). Otherwise Docker takes `builder` for an image to pull. ' +
      'Check the spelling,',
    'or define the stage first; an image reference (with `:` or `/`) is fine.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    ctx.stages.forEach((stage, k) => {
      const before = new Set(
        ctx.stages
          .slice(0, k)
          .map((s) => s.from.getBuildStage()?.toLowerCase())
          .filter(Boolean),
      );
      const own = stage.from.getBuildStage()?.toLowerCase();
      for (const i of stage.instructions) {
        if (i.getKeyword() !== 'COPY') continue;
        const f = flagsOf(i).find((x) => x.getName() === 'from');
        const v = f?.getValue() ?? '';
        const range = f?.getValueRange();
        if (!range || !v || /[:/@$]/.test(v)) continue;
        if (/^\d+$/.test(v) ? Number(v) < k : before.has(v.toLowerCase())) continue;
        const self = v.toLowerCase() === own || (/^\d+$/.test(v) && Number(v) === k);
        hits.push({
          span: ctx.rangeSpan(range),
          message: self ? `\`COPY --from=${v}\` names its own stage (hadolint DL3023).` : undefined,
        });
      }
    });
    return hits;
  },
};
