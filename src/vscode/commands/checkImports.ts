import { Services } from '../services';
import { checkImportsWithProgress } from '../build/checkImports';
import { ImportCheckResult } from '../../node/docker/importCheck';
import { resolveTarget } from '../build/target';

/** "Check Image Imports": every runtime import in the built image; failures are diagnostics at the import. */
export async function checkImageImports(s: Services, arg?: unknown): Promise<ImportCheckResult> {
  return checkImportsWithProgress(s, await resolveTarget(arg));
}
