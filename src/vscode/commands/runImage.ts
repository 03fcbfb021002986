import { Services } from '../services';
import { runInTerminal } from '../build/runTerminal';
import { RunHandle } from '../build/state';
import { resolveTarget } from '../build/target';

/** "Run Image": runs the image built from the Dockerfile in a terminal; closing it stops the container. */
export async function runImage(s: Services, arg?: unknown, opts?: { args?: string[]; mount?: boolean }): Promise<RunHandle> {
  return runInTerminal(s, await resolveTarget(arg), opts);
}
