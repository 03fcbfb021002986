// Which lock, if any, decides the versions a requirements.txt installs: then "not pinned" (DSC103)
// is not true of the build, since pip takes each version from the lock.
import { LOCK_FILE } from '../projectFiles';
import { LOCK_FILES } from '../locks';
import { installsThroughLock } from '../environment/dockerfileLock';

export interface LockSurroundings {
  /** File names in the requirements file's folder. */
  files: readonly string[];
  /** The text of the Dockerfile beside it, when there is one. */
  dockerfile?: string;
}

/**
 * requirements.lock when it exists and the Dockerfile (if any) installs with `-c requirements.lock`;
 * else the project's own lock (uv.lock, pylock.toml, poetry.lock, Pipfile.lock), which pins the same
 * dependencies; else undefined.
 */
export function constrainingLock(s: LockSurroundings): string | undefined {
  if (s.files.includes(LOCK_FILE) && (s.dockerfile === undefined || installsThroughLock(s.dockerfile)))
    return LOCK_FILE;
  return LOCK_FILES.find((n) => s.files.includes(n)) ?? s.files.find((n) => /^pylock\.[^.]+\.toml$/.test(n));
}
