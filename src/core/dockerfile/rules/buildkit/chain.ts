import { LintContext, Stage } from '../context';

/** Stage k, then the stage it is built FROM (by name or index), and so on: what it inherits. */
export function stageChain(ctx: LintContext, k: number): Stage[] {
  const out: Stage[] = [];
  const seen = new Set<number>();
  for (let at = k; at >= 0 && !seen.has(at);) {
    seen.add(at);
    const stage = ctx.stages[at];
    out.push(stage);
    const image = stage.from.getImageName()?.toLowerCase() ?? '';
    at = /^\d+$/.test(image) && Number(image) < at ? Number(image) : stageIndex(ctx, image, at);
  }
  return out;
}

/** Index of the stage named `name` defined before stage `before`, or -1. */
export function stageIndex(ctx: LintContext, name: string, before: number): number {
  const want = name.toLowerCase();
  for (let k = before - 1; k >= 0; k--) if (ctx.stages[k].from.getBuildStage()?.toLowerCase() === want) return k;
  return -1;
}
