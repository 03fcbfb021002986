import { DscRule, RuleHit } from '../types';
import { replace } from '../context';
import { buildCheck } from './anchor';

// A value the shell-like parser keeps as one word without quotes.
const quote = (v: string) => (/^[^\s"'\\$]*$/.test(v) && v !== '' ? v : JSON.stringify(v));

export const legacyKeyValueFormat: DscRule = {
  id: 'LegacyKeyValueFormat',
  anchor: buildCheck('LegacyKeyValueFormat'),
  severity: 'warning',
  message: '"ENV key=value" should be used instead of legacy "ENV key value" format.',
  docs: [
    '`ENV key value` (no `=`) sets one variable to the whole rest of the line, spaces included; ' +
      '`ENV key=value` can set',
    'several at once and reads unambiguously. The legacy form may be removed in a future Dockerfile syntax.',
    '',
    'Quick fix: rewrites it as `key=value`, quoting the value when it holds spaces.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.instructions) {
      const kw = i.getKeyword();
      if (kw !== 'ENV' && kw !== 'LABEL') continue;
      const args = i.getArguments();
      const range = i.getArgumentsRange();
      if (args.length < 2 || !range || args[0].getValue().includes('=')) continue;
      const span = ctx.rangeSpan(range);
      const key = args[0].getValue();
      const value = args
        .slice(1)
        .map((a) => a.getValue())
        .join(' ');
      hits.push({
        span: ctx.rangeSpan(i.getRange()),
        message: `"${kw} key=value" should be used instead of legacy "${kw} key value" format.`,
        fixes: () => [{ title: `Write ${kw} ${key}=…`, edits: [replace(span, `${key}=${quote(value)}`)] }],
      });
    }
    return hits;
  },
};

export const maintainerDeprecated: DscRule = {
  id: 'MaintainerDeprecated',
  anchor: buildCheck('MaintainerDeprecated'),
  severity: 'warning',
  message: 'The MAINTAINER instruction is deprecated, use a label instead to define an image author.',
  docs: [
    '`MAINTAINER` is deprecated. The standard place for the author is the OCI label:',
    '`LABEL org.opencontainers.image.authors="name@example.com"`.',
    '',
    'Quick fix: replaces it with that label.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const i of ctx.instructions) {
      if (i.getKeyword() !== 'MAINTAINER') continue;
      const range = i.getArgumentsRange();
      const author = range
        ? ctx.text
            .slice(ctx.offset(range.start), ctx.offset(range.end))
            .replace(/\\\r?\n/g, ' ')
            .trim()
        : '';
      const span = ctx.rangeSpan(i.getRange());
      hits.push({
        span: ctx.rangeSpan(i.getInstructionRange()),
        message: 'Maintainer instruction is deprecated in favor of using label.',
        fixes: () => [
          {
            title: 'Use LABEL org.opencontainers.image.authors',
            edits: [replace(span, `LABEL org.opencontainers.image.authors=${JSON.stringify(author)}`)],
          },
        ],
      });
    }
    return hits;
  },
};
