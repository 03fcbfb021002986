import { DscRule, RuleHit } from './types';
import { insertAt, pipInstalls } from './context';

export const dsc002: DscRule = {
  id: 'DSC002',
  severity: 'warning',
  message: '`pip install` keeps its download cache in the image: add `--no-cache-dir`.',
  docs: [
    'pip keeps every downloaded wheel in `~/.cache/pip`. Inside an image that cache is dead weight, often hundreds of',
    'megabytes for a scientific stack, shipped with every push and pull.',
    '',
    'Any one of these avoids it: `pip install --no-cache-dir …`, `ENV PIP_NO_CACHE_DIR=1` before the install, or a',
    'BuildKit cache mount (`RUN --mount=type=cache,target=/root/.cache/pip pip install …`), ' +
      'which also speeds up rebuilds.',
    '',
    'Quick fix: adds `--no-cache-dir` after `install`.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const stage of ctx.stages) {
      let envOff = false;
      for (const i of stage.instructions) {
        const kw = i.getKeyword();
        if ((kw === 'ENV' || kw === 'ARG') && /\bPIP_NO_CACHE_DIR\b/.test(ctx.raw(i))) envOff = true;
        if (kw !== 'RUN' || envOff) continue;
        if (/--mount=[^\s]*type=cache/.test(ctx.raw(i))) continue;
        for (const { install, args, uv } of pipInstalls(ctx, i)) {
          // uv keeps its cache outside the layer only with --no-cache; its own rules, not pip's.
          if (uv || args.some((a) => a.value === '--no-cache-dir')) continue;
          const p = ctx.position(install.end);
          hits.push({
            span: ctx.span(install.start, install.end),
            fixes: () => [{ title: 'Add --no-cache-dir', edits: [insertAt(p.line, p.col, ' --no-cache-dir')] }],
          });
        }
      }
    }
    return hits;
  },
};
