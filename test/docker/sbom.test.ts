// Issue 24 on the real engine: the SBOM of the scipy stand-in lists every distribution `pip freeze` shows
// and every package dpkg calls installed, with purls, and validates against CycloneDX's 1.5 schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { normalizeName } from '../../src/core/requirements/names';
import { captureIo } from './helpers';

const CDX = require('@cyclonedx/cyclonedx-library');
const IMAGE = 'local/python:3.11-scipy';

function inImage(image: string, ...argv: string[]): string {
  return execFileSync(
    'docker',
    ['run', '--rm', '--network', 'none', '--entrypoint', argv[0], image, ...argv.slice(1)],
    {
      encoding: 'utf8',
    },
  );
}

interface Bom {
  metadata: { component: { name: string; version: string } };
  components: { name: string; version: string; purl?: string }[];
}

test('sbom IMAGE -o FILE: every pip freeze line and every dpkg package, valid CycloneDX 1.5', async () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sbom-')), 'sbom.cdx.json');
  const io = captureIo();
  assert.equal(await main(['sbom', IMAGE, '-o', out], io), 0, io.stderr.join('\n'));
  assert.match(
    io.stderr.join('\n'),
    /CycloneDX 1\.5 SBOM of local\/python:3\.11-scipy: \d+ Python distributions, \d+ Debian/,
  );
  const text = fs.readFileSync(out, 'utf8');
  const bom = JSON.parse(text) as Bom;
  assert.equal(await new CDX.Validation.JsonValidator(CDX.Spec.Version.v1dot5).validate(text), null);
  assert.equal(bom.metadata.component.name, IMAGE);
  const purls = new Set(bom.components.map((c) => c.purl).filter(Boolean));

  const frozen = inImage(IMAGE, 'pip', 'freeze').split('\n').filter(Boolean);
  assert.ok(frozen.length >= 31, frozen.join('\n'));
  for (const line of frozen) {
    const [name, version] = line.split('==');
    const purl = `pkg:pypi/${normalizeName(name)}@${encodeURIComponent(version)}`;
    assert.ok(purls.has(purl), `${line}: ${purl} is not in the SBOM`);
  }

  const debs = inImage(IMAGE, 'dpkg-query', '-W', '-f', '${db:Status-Status} ${Package} ${Version} ${Architecture}\n')
    .split('\n')
    .filter((l) => l.startsWith('installed '))
    .map((l) => l.split(' ').slice(1));
  assert.ok(debs.length > 50, String(debs.length));
  for (const [name, version, arch] of debs) {
    const purl = `pkg:deb/debian/${encodeURIComponent(name)}@${encodeURIComponent(version)}?arch=${arch}&distro=debian-12`;
    assert.ok(purls.has(purl), `${name} ${version} ${arch}: ${purl} is not in the SBOM`);
  }
  const debCount = bom.components.filter((c) => c.purl?.startsWith('pkg:deb/')).length;
  assert.equal(debCount, debs.length, 'no package dpkg does not count as installed');

  // An existing, different file is not replaced without --force.
  fs.writeFileSync(out, '{}\n');
  const again = captureIo();
  assert.equal(await main(['sbom', IMAGE, '-o', out], again), 1);
  assert.match(again.stderr.join('\n'), /exists and differs; left as it is \(--force replaces it\)/);
  assert.equal(fs.readFileSync(out, 'utf8'), '{}\n');
});

test('sbom of an image that is not here: one line', async () => {
  const io = captureIo();
  assert.equal(await main(['sbom', 'research-no-such-image:1'], io), 1);
  assert.match(io.stderr.join('\n'), /research-no-such-image:1 is not on this machine/);
});
