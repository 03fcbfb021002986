import fs from 'node:fs';
import { decodeSource } from '../core/python/decode';
import { NotebookStripper } from '../core/python/notebookStrip';

/** Larger files are generated code or data, not sources to scan. */
export const MAX_PY_BYTES = 8 * 1024 * 1024;
/** Notebooks carry outputs (images), so they may be much larger than their code. */
export const MAX_NOTEBOOK_BYTES = 128 * 1024 * 1024;
/** A physical line longer than this is minified or generated; it is scanned but reported. */
export const HUGE_LINE = 100_000;

export interface SourceText {
  text?: string;
  /** Why the file was not (fully) read, for a warning naming it. */
  warning?: string;
}

/** Reads and decodes a source file; never throws (problems come back as a warning). */
export async function readSource(abs: string, maxBytes: number): Promise<SourceText> {
  try {
    const bytes = await readCapped(abs, maxBytes);
    if (typeof bytes === 'number')
      return { warning: `file is ${(bytes / 1048576).toFixed(0)} MB (limit ${maxBytes / 1048576} MB); skipped` };
    return decodeSource(bytes);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { warning: `cannot read (${code === 'EACCES' ? 'permission denied' : (code ?? String(e))}); skipped` };
  }
}

/**
 * The file's bytes, or its size when above `maxBytes` (nothing read). Callback fs on purpose:
 * open/fstat/read/close this way measured ~1.5x faster than FileHandle promises over 10,000 files.
 */
function readCapped(abs: string, maxBytes: number): Promise<Buffer | number> {
  return new Promise((resolve, reject) => {
    fs.open(abs, 'r', (err, fd) => {
      if (err) return reject(err);
      const done = (e: Error | null, value?: Buffer | number): void => {
        fs.close(fd, () => (e ? reject(e) : resolve(value!)));
      };
      fs.fstat(fd, (e, st) => {
        if (e) return done(e);
        if (st.size > maxBytes) return done(null, st.size);
        const buf = Buffer.allocUnsafe(st.size);
        const readAt = (offset: number): void => {
          if (offset >= st.size) return done(null, buf);
          fs.read(fd, buf, offset, st.size - offset, offset, (e2, n) => {
            if (e2) return done(e2);
            if (n === 0) return done(null, buf.subarray(0, offset));
            readAt(offset + n);
          });
        };
        readAt(0);
      });
    });
  });
}

/**
 * Streams a big notebook with its outputs emptied on the way (see NotebookStripper), so memory
 * stays a few chunks whatever the notebook's size. Never throws.
 */
export function readNotebookStripped(abs: string): Promise<SourceText> {
  return new Promise((resolve) => {
    const stripper = new NotebookStripper();
    let first = true;
    fs.createReadStream(abs, { encoding: 'utf8', highWaterMark: 1 << 20 })
      .on('data', (chunk) => {
        let text = chunk as string;
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
        stripper.push(text);
      })
      .on('end', () => resolve({ text: stripper.end() }))
      .on('error', (e: NodeJS.ErrnoException) => resolve({ warning: `cannot read (${e.code ?? String(e)}); skipped` }));
  });
}

/** The 1-based number and length of the first line longer than {@link HUGE_LINE}, if any. */
export function findHugeLine(text: string): { line: number; length: number } | undefined {
  if (text.length <= HUGE_LINE) return undefined;
  let start = 0;
  for (let line = 1; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > HUGE_LINE) return { line, length: end - start };
    start = end + 1;
  }
  return undefined;
}
