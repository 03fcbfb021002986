import { promises as fs } from 'fs';
import { decodeSource } from '../core/python/decode';

/** How a text file's bytes are encoded; 'other' is an ASCII-compatible 8-bit encoding (Latin-1, a coding cookie). */
export type TextEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be' | 'other';

export interface TextFile {
  bytes: Buffer;
  /** The decoded text, BOM removed. */
  text: string;
  encoding: TextEncoding;
}

/**
 * Reads a text file the way the scanner decodes sources (BOM, UTF-16 from `pip freeze >` on Windows,
 * Latin-1 fallback). Undefined when it does not exist; throws for other read errors and binary files.
 */
export async function readTextFile(file: string): Promise<TextFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const decoded = decodeSource(bytes);
  if (decoded.text === undefined) throw Object.assign(new Error('binary file (NUL bytes)'), { code: 'EBINARY' });
  return { bytes, text: decoded.text, encoding: encodingOf(bytes) };
}

function encodingOf(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bom ? bytes.subarray(3) : bytes);
  } catch {
    return 'other';
  }
  return bom ? 'utf8-bom' : 'utf8';
}

/** The decoded text of a file, or undefined when it is missing or unreadable (for readers that skip such files). */
export function readTextOrNothing(file: string): Promise<string | undefined> {
  return readTextFile(file).then(
    (f) => f?.text,
    () => undefined,
  );
}

/**
 * The file's bytes with `newText` written in its own encoding, when `newText` only adds to the end
 * of the file's text: the original bytes are kept as they are (BOM, line endings, odd characters)
 * and only the addition is encoded. Undefined when that cannot be done without loss.
 */
export function appendInEncoding(file: TextFile, newText: string): Buffer | undefined {
  if (!newText.startsWith(file.text)) return undefined;
  const added = newText.slice(file.text.length);
  let tail: Buffer;
  if (file.encoding === 'utf16le') tail = Buffer.from(added, 'utf16le');
  else if (file.encoding === 'utf16be') tail = Buffer.from(added, 'utf16le').swap16();
  else if (file.encoding === 'other') {
    if (/[^\x00-\x7f]/.test(added)) return undefined; // only ASCII is the same in every 8-bit encoding
    tail = Buffer.from(added, 'latin1');
  } else tail = Buffer.from(added, 'utf8');
  return Buffer.concat([file.bytes, tail]);
}

/**
 * The whole of `newText` in the file's encoding (its BOM kept), for an edit inside the file; undefined for
 * an 8-bit encoding whose characters outside ASCII cannot be told apart.
 */
export function rewriteInEncoding(file: TextFile, newText: string): Buffer | undefined {
  if (file.encoding === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(newText, 'utf16le')]);
  if (file.encoding === 'utf16be')
    return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(newText, 'utf16le').swap16()]);
  if (file.encoding === 'other') return /[^\x00-\x7f]/.test(newText) ? undefined : Buffer.from(newText, 'latin1');
  const bom = file.encoding === 'utf8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0);
  return Buffer.concat([bom, Buffer.from(newText, 'utf8')]);
}
