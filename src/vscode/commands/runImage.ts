import { Services } from '../services';
import { runInTerminal } from '../build/runTerminal';
import { buildWithProgress } from '../build/buildImage';
import { RunHandle } from '../build/state';
import { resolveTarget } from '../build/target';

/**
 * "Run Image": runs the image built from the Dockerfile in a terminal (closing it stops the
 * container). An image that was never built is built first; a failed build runs nothing.
 */
export async function runImage(s: Services, arg?: unknown, opts?: { args?: string[]; mount?: boolean }): Promise<RunHandle | undefined> {
  const t = await resolveTarget(arg);
  if (!(await s.engines.get().imageSummary(t.tag)) && !(await buildWithProgress(s, t)).ok) return undefined;
  return runInTerminal(s, t, opts);
}
