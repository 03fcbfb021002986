import { DscRule, RuleHit } from '../types';
import { buildCheck } from './anchor';
import { asAndName } from './casing';

// `scratch` is the empty image and `context` names the build context in `--mount=from=`.
const RESERVED = new Set(['scratch', 'context']);

export const duplicateStageName: DscRule = {
  id: 'DuplicateStageName',
  anchor: buildCheck('DuplicateStageName'),
  severity: 'warning',
  message: 'Stage names should be unique.',
  docs: [
    'Two stages with the same name (compared without case) make `COPY --from=name` and `--target name` ambiguous.',
    'Give each stage its own name.',
  ].join('\n'),
  check(ctx) {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const pair = asAndName(from);
      const name = pair?.name.getValue().toLowerCase();
      if (!pair || !name) continue;
      if (seen.has(name))
        hits.push({
          span: ctx.rangeSpan(pair.name.getRange()),
          message: `Duplicate stage name '${pair.name.getValue()}', stage names should be unique.`,
        });
      seen.add(name);
    }
    return hits;
  },
};

export const reservedStageName: DscRule = {
  id: 'ReservedStageName',
  anchor: buildCheck('ReservedStageName'),
  severity: 'warning',
  message: 'Reserved words should not be used as stage names.',
  docs: [
    '`scratch` (the empty image) and `context` (the build context, in `--mount=from=context`) already mean something:',
    'a stage of that name is confusing at best. Pick another name.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const pair = asAndName(from);
      const name = pair?.name.getValue();
      if (pair && name && RESERVED.has(name.toLowerCase())) {
        hits.push({
          span: ctx.rangeSpan(pair.name.getRange()),
          message: `'${name}' is reserved and should not be used as a stage name.`,
        });
      }
    }
    return hits;
  },
};
