// A project with both its own requirements.txt and a lock (uv.lock, …): which one the image installs (issue 24).
// The rule, also in the README: a requirements.txt of the user's own wins, since the Dockerfile installs
// requirements.txt and nothing of the user's is overwritten; the lock is installed when there is no requirements.txt
// or when requirements.txt is the one scaffold generated from that same lock. `check` compares with the one installed.
import { generatedFromHeader } from './fromLock';

export type InstalledInput = 'lock' | 'requirements.txt';

/** What the image installs, given the lock's file name and requirements.txt's text (undefined: there is none). */
export function installedInput(lockFile: string, requirements: string | undefined): InstalledInput {
  if (requirements === undefined) return 'lock';
  // The header is the first comment; a torch index line is inserted after the comments, never before.
  const first = requirements.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const header = generatedFromHeader(lockFile);
  return first === header || first.startsWith(`${header}:`) ? 'lock' : 'requirements.txt';
}
