import { Services } from '../services';
import { BuildOutcome } from '../../node/docker/build';
import { buildWithProgress } from '../build/buildImage';
import { resolveTarget } from '../build/target';

/** "Build Image": the Dockerfile from the argument (explorer, CodeLens), the editor, or the workspace. */
export async function buildImage(s: Services, arg?: unknown): Promise<BuildOutcome> {
  return buildWithProgress(s, await resolveTarget(arg));
}
