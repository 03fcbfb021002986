// `sbom`, `sif`: the argument is a project folder (its image: --tag, else the folder's name) or an image.
import * as fs from 'fs';
import * as path from 'path';
import { CliError, CliIo } from '../io';
import { safeWrite } from '../../node/files';
import { tagFor } from './dockerShared';
import { isValidTag } from '../../core/docker/tag';

export interface ImageTarget {
  ref: string;
  /** The project folder, when a folder was named. */
  dir?: string;
}

export function imageTarget(io: CliIo, positional: string[], tagFlag: string | true | undefined): ImageTarget {
  if (positional.length > 1) throw new CliError(`expected one folder or image, got ${positional.length}`);
  const arg = positional[0] ?? '.';
  const dir = path.resolve(io.cwd, arg);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) return { ref: tagFor(dir, tagFlag), dir };
  if (tagFlag !== undefined) throw new CliError('--tag goes with a project folder, not with an image');
  if (!isValidTag(arg.split('@')[0]) && !/^(sha256:)?[0-9a-f]{12,64}$/.test(arg))
    throw new CliError(`${arg}: neither a folder nor an image reference`);
  return { ref: arg };
}

/** Writes `-o FILE` (refusing to replace a different file without --force), or prints to stdout. */
export async function writeOutput(
  io: CliIo,
  file: string | true | undefined,
  content: string,
  force: boolean,
): Promise<string | undefined> {
  if (typeof file !== 'string') {
    io.out(content.replace(/\n$/, ''));
    return undefined;
  }
  const target = path.resolve(io.cwd, file);
  const w = await safeWrite(target, content, { overwrite: force });
  if (w === 'exists') throw new CliError(`${file}: exists and differs; left as it is (--force replaces it)`, 1);
  return target;
}
