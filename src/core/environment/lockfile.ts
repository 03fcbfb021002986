// requirements.lock: exactly what the built image has, one `name==version` a line (sorted, what
// `pip freeze` shows), under a short header that says where it came from. pip reads it as a
// constraints file; `check` compares an image with it.
import { normalizeName } from '../requirements/names';
import { minorOf } from './imageFacts';

export interface LockHeader {
  imageId: string;
  /** Image creation time, seconds since the epoch. */
  created: number;
  /** The Dockerfile's base image as written, and its registry digest when known. */
  base?: string;
  baseDigest?: string;
  /** "3.11.2". */
  python: string;
}

export interface LockEntry {
  name: string;
  version: string;
  /** 1-based line in the file. */
  line: number;
}

export interface ParsedLock {
  header: Partial<LockHeader>;
  /** 1-based lines of the header's image and python lines (0: absent). */
  headerLines: { image: number; python: number };
  entries: LockEntry[];
  /** Lines that are not `name==version` (1-based). */
  errors: { line: number; message: string }[];
}

const SORT = (a: { name: string }, b: { name: string }) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1);

export function renderLock(h: LockHeader, dists: readonly { name: string; version: string }[]): string {
  const lines = [
    '# requirements.lock: every distribution installed in the image, written by `ds-containers lock`.',
    '# The Dockerfile installs requirements.txt with `-c requirements.lock`; `ds-containers check` compares.',
    `# image: ${h.imageId} (created ${new Date(h.created * 1000).toISOString()})`,
  ];
  if (h.base) lines.push(`# base: ${h.base}${h.baseDigest ? ` digest ${h.baseDigest}` : ''}`);
  lines.push(`# python: ${h.python}`);
  for (const d of [...dists].sort(SORT)) lines.push(`${d.name}==${d.version}`);
  return lines.join('\n') + '\n';
}

/** The package lines and Python line only: what decides whether a lock must be rewritten. */
export function lockSubstance(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => l && (!l.startsWith('#') || /^# (python|base):/.test(l)))
    .join('\n');
}

export function parseLock(text: string): ParsedLock {
  const header: Partial<LockHeader> = {};
  const entries: LockEntry[] = [];
  const errors: ParsedLock['errors'] = [];
  const headerLines = { image: 0, python: 0 };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('#')) {
      const image = /^# image: (sha256:[0-9a-f]{64})(?: \(created ([^)]+)\))?/.exec(line);
      if (image) {
        headerLines.image = i + 1;
        header.imageId = image[1];
        const t = image[2] ? Date.parse(image[2]) : NaN;
        if (!Number.isNaN(t)) header.created = Math.floor(t / 1000);
      }
      const base = /^# base: (\S+)(?: digest (sha256:[0-9a-f]{64}))?/.exec(line);
      if (base) {
        header.base = base[1];
        if (base[2]) header.baseDigest = base[2];
      }
      const py = /^# python: (\d+\.\d+(?:\.\d+)?)/.exec(line);
      if (py) {
        header.python = py[1];
        headerLines.python = i + 1;
      }
      return;
    }
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([A-Za-z0-9_.*+!-]+)\s*(?:#.*)?$/.exec(line);
    if (m) entries.push({ name: m[1], version: m[2], line: i + 1 });
    else
      errors.push({
        line: i + 1,
        message: `cannot read "${line.length > 60 ? line.slice(0, 57) + '…' : line}": expected name==version`,
      });
  });
  return { header, headerLines, entries, errors };
}

/** One difference between an image and its lock, at a lock line (1-based; 0: the file as a whole). */
export interface LockDifference {
  line: number;
  name?: string;
  message: string;
}

/**
 * Every way the image differs from the lock: another Python, a broken line, a lock written from a
 * newer image, a version that differs, a locked package the image lacks, a package the lock lacks.
 */
export function compareLock(
  lock: ParsedLock,
  image: { python: string; created: number; imageId: string; dists: readonly { name: string; version: string }[] },
  imageRef: string,
): LockDifference[] {
  const out: LockDifference[] = lock.errors.map((e) => ({ line: e.line, message: e.message }));
  if (lock.header.python && minorOf(lock.header.python) !== minorOf(image.python)) {
    out.push({
      line: lock.headerLines.python,
      message: `the lock is for Python ${lock.header.python}, ${imageRef} has Python ${image.python}`,
    });
  }
  if (
    lock.header.created !== undefined &&
    lock.header.imageId !== image.imageId &&
    lock.header.created > image.created
  ) {
    out.push({
      line: lock.headerLines.image,
      message:
        `the lock was written from a newer image (${lock.header.imageId?.slice(7, 19)}) ` +
        `than ${imageRef} (${image.imageId.slice(7, 19)}): rebuild, or lock again`,
    });
  }
  const have = new Map(image.dists.map((d) => [normalizeName(d.name), d]));
  const locked = new Set<string>();
  for (const e of lock.entries) {
    const key = normalizeName(e.name);
    locked.add(key);
    const d = have.get(key);
    if (!d)
      out.push({
        line: e.line,
        name: e.name,
        message: `${e.name}==${e.version} is locked but not installed in the image`,
      });
    else if (d.version !== e.version)
      out.push({
        line: e.line,
        name: e.name,
        message: `${e.name} is ${d.version} in the image, the lock says ${e.version}`,
      });
  }
  const last = lock.entries.at(-1)?.line ?? 0;
  for (const d of image.dists) {
    if (!locked.has(normalizeName(d.name)))
      out.push({ line: last, name: d.name, message: `${d.name}==${d.version} is in the image but not in the lock` });
  }
  return out;
}
