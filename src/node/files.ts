import { promises as fs, constants } from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { createTwoFilesPatch } from 'diff';

/** The file's text, or undefined when it does not exist (other errors propagate). */
export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

export type WriteOutcome = 'created' | 'overwritten' | 'unchanged' | 'exists';

/**
 * Writes a file safely. A new file appears whole or not at all (temp file + rename). An existing file
 * with other content is replaced only with `overwrite: true`; otherwise the outcome is 'exists' and
 * nothing is touched, even when another process created the file a moment ago (the final step
 * refuses to replace it).
 */
export async function safeWrite(
  file: string,
  content: string | Uint8Array,
  opts: { overwrite?: boolean } = {},
): Promise<WriteOutcome> {
  // Bytes, not text: a file in another encoding (UTF-16 requirements) is compared and written as it is.
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const before = await fs.readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (before?.equals(data)) return 'unchanged';
  if (before !== undefined && !opts.overwrite) return 'exists';
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const mode = before !== undefined ? (await fs.stat(file)).mode & 0o777 : 0o644;
  const handle = await fs.open(tmp, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    if (before !== undefined) {
      await fs.rename(tmp, file); // atomic replace, consented to
      return 'overwritten';
    }
    // link() fails with EEXIST instead of replacing a file that appeared since we looked.
    await linkOrCopyExclusive(tmp, file);
    return 'created';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function linkOrCopyExclusive(from: string, to: string): Promise<void> {
  try {
    await fs.link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    // Some file systems (FAT, some network shares) have no hard links.
    await fs.copyFile(from, to, constants.COPYFILE_EXCL);
  }
}

/** A unified diff (`--- a/NAME`, `+++ b/NAME`, 3 lines of context) of a proposed change. */
export function unifiedDiff(name: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, '', '', { context: 3 });
  // jsdiff starts with a "====" separator line; git and patch(1) do not need it.
  return patch.replace(/^=+\n/, '').replace(/\t$/gm, '');
}
