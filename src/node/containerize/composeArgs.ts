// Reads the project's own compose file (compose.yaml, docker-compose.yml…) for the command its service runs:
// Containerize proposes those arguments for the entry. A file that cannot be parsed is one note naming
// file:line, never a failure of the proposal.
import { promises as fs } from 'fs';
import * as path from 'path';
import { COMPOSE_FILE_NAMES } from '../../core/projectFiles';
import { composeLaunch } from '../../core/python/composeLaunch';
import type { DocumentedLaunch } from '../../core/python/launch';

export interface ComposeRead {
  launch?: DocumentedLaunch;
  /** Why the compose file was not read ("compose.yaml:4: not read as YAML: …"). */
  problem?: { file: string; message: string };
}

export async function readComposeLaunch(dir: string): Promise<ComposeRead> {
  for (const name of COMPOSE_FILE_NAMES) {
    const text = await fs.readFile(path.join(dir, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    let parsed: unknown;
    try {
      parsed = (require('yaml') as typeof import('yaml')).parse(text);
    } catch (e) {
      const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      const why = String((e as Error).message).split('\n')[0];
      return { problem: { file: line ? `${name}:${line}` : name, message: `not read as YAML (${why})` } };
    }
    return { launch: composeLaunch(name, text, parsed) };
  }
  return {};
}
