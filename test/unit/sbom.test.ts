// Issue 24: the CycloneDX SBOM renderer, its dpkg and os-release readers, the tar reader the engine's
// archive answers go through, and the document validated against CycloneDX's own 1.5 JSON schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlStanzas, parseDpkgStatus, parseOsRelease } from '../../src/core/provenance/dpkg';
import { debPurl, pypiPurl, renderSbom, SbomInput } from '../../src/core/provenance/cyclonedx';
import { readTar } from '../../src/core/provenance/tar';

const CDX = require('@cyclonedx/cyclonedx-library');

async function schemaErrors(doc: unknown): Promise<unknown> {
  const v = new CDX.Validation.JsonValidator(CDX.Spec.Version.v1dot5);
  return v.validate(JSON.stringify(doc));
}

const STATUS = `Package: libc6
Status: install ok installed
Priority: optional
Architecture: amd64
Multi-Arch: same
Source: glibc
Version: 2.36-9+deb12u4
Depends: libgcc-s1
Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
Description: GNU C Library: Shared libraries
 Contains the standard libraries that are used by nearly all programs on
 the system.
Homepage: https://www.gnu.org/software/libc/libc.html

Package: libgcc-s1
Status: install ok installed
Architecture: amd64
Source: gcc-12 (12.2.0-14)
Version: 12.2.0-14
Depends: gcc-12-base (= 12.2.0-14), libc6 (>= 2.35)
Description: GCC support library

Package: old-thing
Status: deinstall ok config-files
Architecture: amd64
Version: 1.0

Package: python3-numpy
Status: install ok installed
Architecture: amd64
Version: 1:1.24.2-1
Depends: python3 (<< 3.12), libblas3 | libblas.so.3, libc6 (>= 2.34)
Description: Fast array facility to the Python language
`;

test('dpkg status: installed packages only, continuation lines, first alternative of each Depends', () => {
  const p = parseDpkgStatus(STATUS);
  assert.deepEqual(
    p.map((x) => `${x.name} ${x.version} ${x.architecture}`),
    ['libc6 2.36-9+deb12u4 amd64', 'libgcc-s1 12.2.0-14 amd64', 'python3-numpy 1:1.24.2-1 amd64'],
  );
  assert.equal(p[0].source, 'glibc');
  assert.equal(p[0].summary, 'GNU C Library: Shared libraries');
  assert.equal(p[1].source, 'gcc-12');
  assert.deepEqual(p[1].depends, ['gcc-12-base', 'libc6']);
  assert.deepEqual(p[2].depends, ['python3', 'libblas3', 'libc6']);
  assert.equal(controlStanzas(STATUS)[0].get('Description')!.split('\n').length, 3);
});

test('os-release: quoted values; no ID is no answer', () => {
  assert.deepEqual(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\n'), {
    id: 'debian',
    versionId: '12',
    prettyName: 'Debian GNU/Linux 12 (bookworm)',
  });
  assert.equal(parseOsRelease('NAME=x\n'), undefined);
});

test('purls: pypi names normalised and versions encoded; deb epochs encoded, arch and distro qualifiers', () => {
  assert.equal(pypiPurl('Scikit_Learn', '1.2.1'), 'pkg:pypi/scikit-learn@1.2.1');
  assert.equal(pypiPurl('lz4', '4.0.2+dfsg'), 'pkg:pypi/lz4@4.0.2%2Bdfsg');
  assert.equal(
    debPurl({ name: 'python3-numpy', version: '1:1.24.2-1', architecture: 'amd64' }, { id: 'debian', versionId: '12' }),
    'pkg:deb/debian/python3-numpy@1%3A1.24.2-1?arch=amd64&distro=debian-12',
  );
  assert.equal(
    debPurl({ name: 'tzdata', version: '2024a-0+deb12u1', architecture: 'all' }),
    'pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all',
  );
});

function input(): SbomInput {
  return {
    ref: 'demo:latest',
    imageId: 'sha256:' + 'a'.repeat(64),
    timestamp: '2026-12-07T10:00:00Z',
    serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
    tool: { name: 'ds-containers', version: '0.1.0' },
    python: {
      version: '3.11.2',
      distributions: [
        { name: 'pandas', version: '1.5.3', requires: ['numpy>=1.21.0', 'pytz>=2020.1', "pytest ; extra == 'test'"] },
        { name: 'numpy', version: '1.24.2', requires: [] },
        { name: 'pytz', version: '2022.7.1', requires: [] },
        { name: 'lz4', version: '4.0.2+dfsg', requires: [] },
      ],
    },
    os: { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' },
    debs: parseDpkgStatus(STATUS),
  };
}

test('SBOM: every distribution and package with its purl, dependencies by ref, valid CycloneDX 1.5', async () => {
  const bom = renderSbom(input()) as {
    specVersion: string;
    components: { name: string; purl?: string; 'bom-ref': string; type: string }[];
    dependencies: { ref: string; dependsOn: string[] }[];
  };
  assert.equal(bom.specVersion, '1.5');
  const purls = bom.components.map((c) => c.purl).filter(Boolean);
  assert.deepEqual(purls, [
    'pkg:pypi/lz4@4.0.2%2Bdfsg',
    'pkg:pypi/numpy@1.24.2',
    'pkg:pypi/pandas@1.5.3',
    'pkg:pypi/pytz@2022.7.1',
    'pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12',
    'pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12',
    'pkg:deb/debian/python3-numpy@1%3A1.24.2-1?arch=amd64&distro=debian-12',
  ]);
  assert.ok(bom.components.some((c) => c.type === 'operating-system' && c.name === 'debian'));
  const pandas = bom.dependencies.find((d) => d.ref === 'pkg:pypi/pandas@1.5.3')!;
  // pytest is only an extra's, and is not installed anyway
  assert.deepEqual(pandas.dependsOn, ['pkg:pypi/numpy@1.24.2', 'pkg:pypi/pytz@2022.7.1']);
  const refs = new Set([...bom.components.map((c) => c['bom-ref']), `image:sha256:${'a'.repeat(64)}`]);
  for (const d of bom.dependencies) for (const r of [d.ref, ...d.dependsOn]) assert.ok(refs.has(r), r);
  assert.equal(await schemaErrors(bom), null);
});

test('the schema check can fail: a document with a wrong field is refused', async () => {
  const bom = renderSbom(input()) as Record<string, unknown> & { components: Record<string, unknown>[] };
  bom.components[0].type = 'python-package';
  assert.notEqual(await schemaErrors(bom), null);
  const bad = renderSbom(input());
  bad.serialNumber = 'not-a-uuid';
  assert.notEqual(await schemaErrors(bad), null);
});

function tarHeader(name: string, size: number, type: string, link = ''): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0);
  h.write('0000644\0', 100);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write(type, 156);
  h.write(link, 157);
  h.write('ustar\0', 257);
  return h;
}

test('tar reader: a file, a symlink and its target name', () => {
  const body = Buffer.from('ID=debian\n');
  const bytes = Buffer.concat([
    tarHeader('os-release', 0, '2', '../usr/lib/os-release'),
    tarHeader('status', body.length, '0'),
    body,
    Buffer.alloc(512 - body.length),
    Buffer.alloc(1024),
  ]);
  const e = readTar(bytes);
  assert.deepEqual(
    e.map((x) => [x.name, x.type, x.linkname]),
    [
      ['os-release', '2', '../usr/lib/os-release'],
      ['status', '0', ''],
    ],
  );
  assert.equal(new TextDecoder().decode(e[1].data), 'ID=debian\n');
});
