// Debian's package database as the image holds it (/var/lib/dpkg/status), and the OS it names
// (/etc/os-release): read from the image's files, never by running dpkg in it.

export interface DebPackage {
  name: string;
  version: string;
  architecture: string;
  /** The source package when it differs from the binary one (`Source: NAME (VERSION)`). */
  source?: string;
  maintainer?: string;
  homepage?: string;
  /** The description's first line. */
  summary?: string;
  /** Names in `Depends:` and `Pre-Depends:` (each alternative's first name). */
  depends: string[];
}

/** Stanzas of an RFC 822-like control file: field name → value (continuation lines joined with newlines). */
export function controlStanzas(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let cur = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) {
      if (cur.size) out.push(cur);
      cur = new Map();
      last = undefined;
    } else if (/^[ \t]/.test(line)) {
      if (last) cur.set(last, `${cur.get(last)}\n${line.trim()}`);
    } else {
      const i = line.indexOf(':');
      if (i <= 0) continue;
      last = line.slice(0, i).trim();
      cur.set(last, line.slice(i + 1).trim());
    }
  }
  if (cur.size) out.push(cur);
  return out;
}

/**
 * The packages dpkg counts as installed (`Status: install ok installed`, what `dpkg-query -W` lists with
 * status `ii`), sorted by name then architecture.
 */
export function parseDpkgStatus(text: string): DebPackage[] {
  const out: DebPackage[] = [];
  for (const s of controlStanzas(text)) {
    const status = (s.get('Status') ?? '').split(/\s+/);
    if (status[2] !== 'installed' || !s.get('Package') || !s.get('Version')) continue;
    const depends = [s.get('Pre-Depends'), s.get('Depends')]
      .filter((v): v is string => !!v)
      .flatMap((v) => v.split(','))
      .map(
        (alt) =>
          alt
            .split('|')[0]
            .trim()
            .split(/[\s(:]/)[0],
      )
      .filter(Boolean);
    const source = s.get('Source')?.split(/\s+/)[0];
    out.push({
      name: s.get('Package')!,
      version: s.get('Version')!,
      architecture: s.get('Architecture') ?? 'all',
      ...(source && source !== s.get('Package') ? { source } : {}),
      ...(s.get('Maintainer') ? { maintainer: s.get('Maintainer') } : {}),
      ...(s.get('Homepage') ? { homepage: s.get('Homepage') } : {}),
      ...(s.get('Description') ? { summary: s.get('Description')!.split('\n')[0] } : {}),
      depends: [...new Set(depends)],
    });
  }
  return out.sort((a, b) => cmp(a.name, b.name) || cmp(a.architecture, b.architecture));
}

export interface OsRelease {
  /** `debian`, `ubuntu`, … */
  id: string;
  /** `12` */
  versionId?: string;
  prettyName?: string;
}

/** /etc/os-release (KEY=value, values maybe quoted); undefined without an ID. */
export function parseOsRelease(text: string): OsRelease | undefined {
  const v = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) v.set(m[1], m[2].replace(/^(["'])(.*)\1$/, '$2'));
  }
  const id = v.get('ID');
  if (!id) return undefined;
  return {
    id,
    ...(v.get('VERSION_ID') ? { versionId: v.get('VERSION_ID') } : {}),
    ...(v.get('PRETTY_NAME') ? { prettyName: v.get('PRETTY_NAME') } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
