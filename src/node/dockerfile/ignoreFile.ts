import * as fs from 'fs';
import * as path from 'path';

/**
 * The .dockerignore patterns Docker applies when the Dockerfile's folder is the build context: a
 * `<Dockerfile>.dockerignore` beside it wins over `.dockerignore` (BuildKit's rule); undefined when neither exists.
 */
export function dockerignorePatterns(dockerfile: string): string[] | undefined {
  for (const f of [`${dockerfile}.dockerignore`, path.join(path.dirname(dockerfile), '.dockerignore')]) {
    try {
      return fs
        .readFileSync(f, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
    } catch {
      // none here: the next candidate, or no patterns
    }
  }
  return undefined;
}
