import { LintContext } from './context';

const IGNORE = /#\s*dsc-ignore\b([^\n]*)/i;
// Our ids (DSC004), ShellCheck's codes (SC2086) and Docker's check names, which are CamelCase (FromAsCasing).
const ID = /^(?:DSC\d{3}|SC\d{4}|[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)$/;

/** Upper-cased ids named by a `# dsc-ignore` comment on that line ('*' when it names none), or undefined. */
function idsOn(ctx: LintContext, line: number): string[] | undefined {
  const m = IGNORE.exec(ctx.lines[line] ?? '');
  if (!m) return undefined;
  const ids = m[1]
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => ID.test(/^(?:dsc\d{3}|sc\d{4})$/i.test(w) ? w.toUpperCase() : w));
  return ids.length ? ids.map((w) => w.toUpperCase()) : ['*'];
}

/**
 * True when `# dsc-ignore ID…` sits on the finding's line, on the line before it, or on the line
 * before the instruction that contains it (so a comment above a multi-line RUN covers all of it).
 */
export function suppressed(ctx: LintContext, id: string, line: number): boolean {
  const want = id.toUpperCase();
  const instr = ctx.instructionAt(line);
  const candidates = [line, line - 1, instr ? instr.getRange().start.line - 1 : -1];
  return candidates.some((l) => {
    const ids = idsOn(ctx, l);
    return !!ids && (ids.includes(want) || ids.includes('*'));
  });
}
