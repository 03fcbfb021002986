// A small reader of tar archives held in memory: what the engine's archive endpoint answers for one
// file (`docker cp CONTAINER:/var/lib/dpkg/status -`). Large archives (an image) are streamed elsewhere.

export interface TarEntry {
  name: string;
  /** '0' file, '2' symlink, '5' folder, … (the typeflag). */
  type: string;
  /** The target of a symlink or hard link. */
  linkname: string;
  data: Uint8Array;
}

const text = (b: Uint8Array, from: number, len: number) => {
  const slice = b.subarray(from, from + len);
  const end = slice.indexOf(0);
  return new TextDecoder().decode(end >= 0 ? slice.subarray(0, end) : slice);
};

/** Every entry of a ustar/GNU/pax archive (pax `path` / `linkpath` and GNU long names honoured). */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const out: TarEntry[] = [];
  let at = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  while (at + 512 <= bytes.length) {
    const h = bytes.subarray(at, at + 512);
    if (h.every((x) => x === 0)) break;
    const size = parseInt(text(h, 124, 12).trim() || '0', 8);
    const type = text(h, 156, 1) || '0';
    const data = bytes.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L' || type === 'K') {
      const v = new TextDecoder().decode(data).replace(/\0+$/, '');
      if (type === 'L') longName = v;
      else longLink = v;
      continue;
    }
    if (type === 'x' || type === 'g') {
      const pax = paxRecords(new TextDecoder().decode(data));
      if (type === 'x') {
        longName = pax.get('path') ?? longName;
        longLink = pax.get('linkpath') ?? longLink;
      }
      continue;
    }
    const prefix = text(h, 257, 6).startsWith('ustar') ? text(h, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    out.push({ name, type, linkname: longLink ?? text(h, 157, 100), data });
    longName = longLink = undefined;
  }
  return out;
}

function paxRecords(s: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of s.split('\n')) {
    const r = /^\d+ ([^=]+)=(.*)$/.exec(line);
    if (r) m.set(r[1], r[2]);
  }
  return m;
}
