/**
 * Turns a source file's bytes into text the way Python reads it (PEP 263/3120): UTF-8 by default,
 * a UTF-8 BOM stripped, a `coding:` cookie in the first two lines honoured. What Python itself
 * would reject (UTF-16, undeclared Latin-1) is still decoded so that the scan goes on, with a
 * warning; binary files are skipped.
 */
export interface Decoded {
  /** undefined for a binary file. */
  text?: string;
  warning?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeSource(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      warning: 'file is UTF-16 (Python expects UTF-8); scanned anyway',
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      warning: 'file is UTF-16 (Python expects UTF-8); scanned anyway',
    };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { warning: 'binary file (NUL bytes); skipped' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const cookie = codingCookie(body);
  if (cookie && !/^utf[-_]?8/i.test(cookie)) {
    try {
      return { text: new TextDecoder(webLabel(cookie)).decode(body) };
    } catch {
      return {
        text: new TextDecoder('latin1').decode(body),
        warning: `unknown encoding "${cookie}" declared; read as Latin-1`,
      };
    }
  }
  try {
    return { text: utf8.decode(body) };
  } catch {
    return {
      text: new TextDecoder('latin1').decode(body),
      warning: 'not valid UTF-8 and no coding declaration; read as Latin-1',
    };
  }
}

// Python codec names that the WHATWG TextDecoder spells differently.
function webLabel(pythonName: string): string {
  const n = pythonName.toLowerCase().replace(/_/g, '-');
  const map: Record<string, string> = {
    'latin-1': 'latin1',
    'iso-latin-1': 'latin1',
    latin: 'latin1',
    l1: 'latin1',
    '8859': 'latin1',
    cp819: 'latin1',
  };
  return map[n] ?? n;
}

/** The PEP 263 encoding declared in the first two lines, if any. */
function codingCookie(bytes: Uint8Array): string | undefined {
  let end = 0;
  for (let lines = 0; end < bytes.length && end < 400 && lines < 2; end++) if (bytes[end] === 10) lines++;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, end));
  for (const line of head.split('\n').slice(0, 2)) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}
