import type { From, Instruction } from 'dockerfile-ast';
import { DscRule, RuleHit } from '../types';
import { LintContext, replace } from '../context';
import { buildCheck } from './anchor';

const isUpper = (s: string) => s === s.toUpperCase();
const isLower = (s: string) => s === s.toLowerCase();

/** The `AS` word of a FROM and the stage name after it, when both are there. */
export function asAndName(
  from: From,
): { as: ReturnType<From['getArguments']>[number]; name: ReturnType<From['getArguments']>[number] } | undefined {
  const args = from.getArguments();
  const k = args.findIndex((a) => a.getValue().toLowerCase() === 'as');
  return k > 0 && args[k + 1] ? { as: args[k], name: args[k + 1] } : undefined;
}

export const fromAsCasing: DscRule = {
  id: 'FromAsCasing',
  anchor: buildCheck('FromAsCasing'),
  severity: 'warning',
  message: "The 'as' keyword should match the case of the 'from' keyword.",
  docs: [
    '`FROM image as name` mixes cases: write `FROM image AS name` (or `from image as name` throughout).',
    '',
    'Quick fix: writes `AS` in the case of its `FROM`.',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const kw = from.getInstruction();
      const pair = asAndName(from);
      if (!pair) continue;
      const as = pair.as.getValue();
      const wrong = (isUpper(kw) && !isUpper(as)) || (isLower(kw) && !isLower(as));
      if (!wrong) continue;
      const span = ctx.rangeSpan(pair.as.getRange());
      const want = isUpper(kw) ? 'AS' : 'as';
      hits.push({
        span,
        message: `'${as}' and '${kw}' keywords' casing do not match.`,
        fixes: () => [{ title: `Write ${want}`, edits: [replace(span, want)] }],
      });
    }
    return hits;
  },
};

/** Every place a stage name is used: FROM <name>, COPY --from=<name>, RUN --mount=…,from=<name>. */
export function stageReferences(ctx: LintContext, name: string): { start: number; end: number }[] {
  const want = name.toLowerCase();
  const out: { start: number; end: number }[] = [];
  for (const i of ctx.instructions) {
    const kw = i.getKeyword();
    if (kw === 'FROM') {
      const image = (i as From).getImageNameRange();
      if (image && (i as From).getImageName()?.toLowerCase() === want) out.push(ctx.offsets(image));
    }
    for (const f of flagsOf(i)) {
      const v = f.getValueRange();
      if (!v) continue;
      const value = f.getValue() ?? '';
      if (f.getName() === 'from' && value.toLowerCase() === want) out.push(ctx.offsets(v));
      if (f.getName() === 'mount') {
        const m = new RegExp(`(?:^|,)from=(${want.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})(?=,|$)`, 'i').exec(value);
        if (m) {
          const at = ctx.offset(v.start) + m.index + m[0].indexOf('=') + 1;
          out.push({ start: at, end: at + m[1].length });
        }
      }
    }
  }
  return out;
}

type Flag = {
  getName(): string;
  getValue(): string | null;
  getValueRange(): { start: { line: number; character: number }; end: { line: number; character: number } } | null;
};
export const flagsOf = (i: Instruction): Flag[] => (i as unknown as { getFlags?: () => Flag[] }).getFlags?.() ?? [];

export const stageNameCasing: DscRule = {
  id: 'StageNameCasing',
  anchor: buildCheck('StageNameCasing'),
  severity: 'warning',
  message: 'Stage names should be lowercase.',
  docs: [
    'Stage names are matched without regard to case, and image references are lower case: `FROM python AS Builder`',
    'reads like an image name that does not exist. Write stage names in lower case.',
    '',
    'Quick fix: lower-cases the name where it is defined and everywhere it is used ' +
      '(`FROM`, `COPY --from`, `--mount=from=`).',
  ].join('\n'),
  check(ctx) {
    const hits: RuleHit[] = [];
    for (const { from } of ctx.stages) {
      const pair = asAndName(from);
      const name = pair?.name.getValue();
      if (!pair || !name || isLower(name)) continue;
      const span = ctx.rangeSpan(pair.name.getRange());
      hits.push({
        span,
        message: `Stage name '${name}' should be lowercase.`,
        fixes: () => {
          const refs = stageReferences(ctx, name).map((r) => replace(ctx.span(r.start, r.end), name.toLowerCase()));
          return [
            { title: `Rename the stage to ${name.toLowerCase()}`, edits: [replace(span, name.toLowerCase()), ...refs] },
          ];
        },
      });
    }
    return hits;
  },
};

export const consistentInstructionCasing: DscRule = {
  id: 'ConsistentInstructionCasing',
  anchor: buildCheck('ConsistentInstructionCasing'),
  severity: 'warning',
  message: 'All instructions should use the same casing (either upper or lower).',
  docs: [
    'Docker reads `run` and `RUN` alike, but a file that mixes them (or writes `Run`) is harder to scan. Write every',
    'instruction in the case most of the file already uses (upper case by convention).',
    '',
    "Quick fix: rewrites the instruction in the majority's case.",
  ].join('\n'),
  check(ctx) {
    const words = ctx.instructions.map((i) => i.getInstruction()).filter((w) => /^[A-Za-z]+$/.test(w));
    const upper = words.filter(isUpper).length;
    const lower = words.filter(isLower).length;
    const toUpper = upper >= lower;
    const hits: RuleHit[] = [];
    for (const i of ctx.instructions) {
      const w = i.getInstruction();
      if (!/^[A-Za-z]+$/.test(w) || (toUpper ? isUpper(w) : isLower(w))) continue;
      const span = ctx.rangeSpan(i.getInstructionRange());
      const want = toUpper ? w.toUpperCase() : w.toLowerCase();
      hits.push({
        span,
        message: `Command '${w}' should match the case of the command majority (${toUpper ? 'upper' : 'lower'}case).`,
        fixes: () => [{ title: `Write ${want}`, edits: [replace(span, want)] }],
      });
    }
    return hits;
  },
};
