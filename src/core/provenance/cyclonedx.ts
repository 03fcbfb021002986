// The image's software bill of materials as CycloneDX 1.5 JSON: every Python distribution (purl
// pkg:pypi) and every Debian package (pkg:deb) it holds, with what depends on what. Pure: the facts come
// from node/provenance/sbom.ts, which reads them from the image offline.
import { normalizeName } from '../requirements/names';
import { DebPackage, OsRelease } from './dpkg';

export interface SbomInput {
  /** The reference asked for (`my-project:latest`) and the image's id. */
  ref: string;
  imageId: string;
  /** ISO time the SBOM is written; the serial number makes each document unique. */
  timestamp: string;
  serialNumber: string;
  tool: { name: string; version: string };
  python?: { version: string; distributions: readonly { name: string; version: string; requires: string[] }[] };
  os?: OsRelease;
  debs: readonly DebPackage[];
}

interface Component {
  type: string;
  'bom-ref': string;
  name: string;
  version: string;
  purl?: string;
  description?: string;
  publisher?: string;
  externalReferences?: { type: string; url: string }[];
  properties?: { name: string; value: string }[];
}

/** `pkg:pypi/NAME@VERSION`: the name PEP 503-normalised (purl's pypi rule: lower case, `_` → `-`). */
export function pypiPurl(name: string, version: string): string {
  return `pkg:pypi/${encodeURIComponent(normalizeName(name))}@${encodeURIComponent(version)}`;
}

/** `pkg:deb/debian/NAME@VERSION?arch=ARCH&distro=debian-12` (an epoch's `:` is percent-encoded). */
export function debPurl(p: Pick<DebPackage, 'name' | 'version' | 'architecture'>, os?: OsRelease): string {
  const vendor = os?.id ?? 'debian';
  const distro = os?.versionId ? `&distro=${encodeURIComponent(`${vendor}-${os.versionId}`)}` : '';
  return (
    `pkg:deb/${encodeURIComponent(vendor)}/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}` +
    `?arch=${encodeURIComponent(p.architecture)}${distro}`
  );
}

/** The distribution a Requires-Dist line names, unless only an extra asks for it. */
function requiredName(line: string): string | undefined {
  const [spec, marker] = line.split(';');
  if (marker && /\bextra\s*==/.test(marker)) return undefined;
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec)?.[1];
}

/** The CycloneDX 1.5 document (JSON.stringify it). Sorted components: equal images give equal lists. */
export function renderSbom(i: SbomInput): Record<string, unknown> {
  const components: Component[] = [];
  const dependencies: { ref: string; dependsOn: string[] }[] = [];
  const py = new Map((i.python?.distributions ?? []).map((d) => [normalizeName(d.name), d]));
  for (const d of [...py.values()].sort((a, b) => cmp(normalizeName(a.name), normalizeName(b.name)))) {
    const purl = pypiPurl(d.name, d.version);
    components.push({
      type: 'library',
      'bom-ref': purl,
      name: d.name,
      version: d.version,
      purl,
      properties: [{ name: 'ds-containers:package-type', value: 'python' }],
    });
    const on = new Set<string>();
    for (const r of d.requires) {
      const n = requiredName(r);
      const dep = n && py.get(normalizeName(n));
      if (dep) on.add(pypiPurl(dep.name, dep.version));
    }
    dependencies.push({ ref: purl, dependsOn: [...on].sort() });
  }
  const debRef = new Map<string, string>();
  for (const p of i.debs) if (!debRef.has(p.name)) debRef.set(p.name, debPurl(p, i.os));
  for (const p of i.debs) {
    const purl = debPurl(p, i.os);
    components.push({
      type: 'library',
      'bom-ref': purl,
      name: p.name,
      version: p.version,
      purl,
      ...(p.summary ? { description: p.summary } : {}),
      ...(p.maintainer ? { publisher: p.maintainer } : {}),
      ...(p.homepage && /^https?:\/\//.test(p.homepage)
        ? { externalReferences: [{ type: 'website', url: p.homepage }] }
        : {}),
      properties: [
        { name: 'ds-containers:package-type', value: 'deb' },
        ...(p.source ? [{ name: 'ds-containers:deb-source', value: p.source }] : []),
      ],
    });
    const on = new Set(p.depends.map((n) => debRef.get(n)).filter((r): r is string => !!r && r !== purl));
    dependencies.push({ ref: purl, dependsOn: [...on].sort() });
  }
  const imageRef = `image:${i.imageId}`;
  if (i.os)
    components.push({
      type: 'operating-system',
      'bom-ref': `os:${i.os.id}${i.os.versionId ? `@${i.os.versionId}` : ''}`,
      name: i.os.id,
      version: i.os.versionId ?? '',
      ...(i.os.prettyName ? { description: i.os.prettyName } : {}),
    });
  if (i.python)
    components.push({
      type: 'application',
      'bom-ref': `python@${i.python.version}`,
      name: 'python',
      version: i.python.version,
      properties: [{ name: 'ds-containers:package-type', value: 'interpreter' }],
    });
  dependencies.unshift({ ref: imageRef, dependsOn: components.map((c) => c['bom-ref']) });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: i.serialNumber,
    version: 1,
    metadata: {
      timestamp: i.timestamp,
      tools: { components: [{ type: 'application', name: i.tool.name, version: i.tool.version }] },
      component: {
        type: 'container',
        'bom-ref': imageRef,
        name: i.ref,
        version: i.imageId,
      },
    },
    components,
    dependencies,
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
