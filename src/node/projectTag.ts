// The image tag a project builds as, wherever a command needs it (Build, Run, the lock row, size, Kubernetes,
// the CLI): the tag the Dockerfile's generated `# Build:` comment names (the one Containerize's preview chose),
// else the folder's name. One rule, so the editor and the CLI never build one tag and run another.
import * as fs from 'fs';
import * as path from 'path';
import { buildCommentTag, defaultTag } from '../core/docker/tag';

export function projectTag(dir: string, dockerfile = path.join(dir, 'Dockerfile')): string {
  let text: string | undefined;
  try {
    text = fs.readFileSync(dockerfile, 'utf8');
  } catch {
    text = undefined;
  }
  return (text !== undefined && buildCommentTag(text)) || defaultTag(path.basename(dir));
}
