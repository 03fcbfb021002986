import { LintContext } from './context';

const IGNORE = /#\s*dsc-ignore\b([^\n]*)/i;

/** Ids named by a `# dsc-ignore` comment on that line ('*' when it names none), or undefined. */
function idsOn(ctx: LintContext, line: number): string[] | undefined {
  const m = IGNORE.exec(ctx.lines[line] ?? '');
  if (!m) return undefined;
  const ids = m[1].toUpperCase().match(/DSC\d{3}/g);
  return ids ?? ['*'];
}

/**
 * True when `# dsc-ignore ID…` sits on the finding's line, on the line before it, or on the line
 * before the instruction that contains it (so a comment above a multi-line RUN covers all of it).
 */
export function suppressed(ctx: LintContext, id: string, line: number): boolean {
  const instr = ctx.df.getInstructions().find((i) => i.getRange().start.line <= line && line <= i.getRange().end.line);
  const candidates = [line, line - 1, instr ? instr.getRange().start.line - 1 : -1];
  return candidates.some((l) => {
    const ids = idsOn(ctx, l);
    return !!ids && (ids.includes(id) || ids.includes('*'));
  });
}
