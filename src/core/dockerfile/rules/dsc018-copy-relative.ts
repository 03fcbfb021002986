import { DscRule, RuleHit } from './types';
import { hadolint } from './buildkit/anchor';
import { stageChain } from './buildkit/chain';

export const dsc018: DscRule = {
  id: 'DSC018',
  anchor: hadolint('DL3045'),
  severity: 'warning',
  message: '`COPY` to a relative destination without a `WORKDIR`: where the files land depends on the base image.',
  docs: [
    "`COPY app.py .` copies into the base image's working directory, which you did not choose and which another base",
    'image (or version) may set differently. Set `WORKDIR /app` first, or copy to an absolute path.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    ctx.stages.forEach((_stage, k) => {
      const chain = stageChain(ctx, k);
      let workdir = chain.slice(1).some((s) => s.instructions.some((i) => i.getKeyword() === 'WORKDIR'));
      for (const i of chain[0].instructions) {
        const kw = i.getKeyword();
        if (kw === 'WORKDIR') workdir = true;
        if ((kw !== 'COPY' && kw !== 'ADD') || workdir || ctx.isJsonForm(i)) continue;
        const args = i.getArguments();
        const dest = args[args.length - 1];
        const v = dest?.getValue() ?? '';
        if (args.length < 2 || /^(?:\/|\$|[A-Za-z]:[\\/]|\\)/.test(v) || v.startsWith('<<')) continue;
        hits.push({ span: ctx.rangeSpan(dest.getRange()) });
      }
    });
    return hits;
  },
};
