// Which lock, if any, decides the versions a requirements.txt installs: then "not pinned" (DSC103)
// is not true of the build, since pip takes each version from the lock.
import { LOCK_FILE } from '../projectFiles';
import { LOCK_FILES } from '../locks';
import { installsThroughLock } from '../environment/dockerfileLock';
import { installedInput } from '../locks/precedence';

export interface LockSurroundings {
  /** File names in the requirements file's folder. */
  files: readonly string[];
  /** The text of the Dockerfile beside it, when there is one. */
  dockerfile?: string;
  /** The requirements file's own text: one of the user's (not generated from the lock) is installed, not the lock. */
  requirements?: string;
}

/**
 * requirements.lock when it exists and the Dockerfile (if any) installs with `-c requirements.lock`;
 * else the project's own lock (uv.lock, pylock.toml, poetry.lock, Pipfile.lock, conda-lock.yml) when the image
 * installs it (requirements.txt absent, or generated from that lock); else undefined.
 */
export function constrainingLock(s: LockSurroundings): string | undefined {
  if (s.files.includes(LOCK_FILE) && (s.dockerfile === undefined || installsThroughLock(s.dockerfile)))
    return LOCK_FILE;
  const lock = LOCK_FILES.find((n) => s.files.includes(n)) ?? s.files.find((n) => /^pylock\.[^.]+\.toml$/.test(n));
  // The rule of core/locks/precedence.ts: the image installs a hand-written requirements.txt, unconstrained.
  if (lock && s.requirements !== undefined && installedInput(lock, s.requirements) === 'requirements.txt')
    return undefined;
  return lock;
}
