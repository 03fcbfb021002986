// The base-image probe on the stand-in images (offline, --network none), its on-disk cache, an
// image without Python; and the registry helper: a push gives the image a RepoDigest.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import {
  clearImageProbeMemory,
  ImageNotFound,
  imageHasJupyter,
  probeImage,
  probeCacheDir,
} from '../../src/node/docker/imageProbe';
import { registryAvailable, startRegistry } from './registry';

const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lock9-probe-'));
const NO_PYTHON = 'dsc-test-lock9-nopython:latest';
const images: string[] = [];
after(async () => {
  for (const t of images) await engine.removeBuiltImage(t).catch(() => undefined);
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

test('probe: the scipy stand-in has Python 3.11, its Debian distributions, no Jupyter', async () => {
  clearImageProbeMemory();
  const f = await probeImage(engine, 'local/python:3.11-scipy', { cacheDir });
  assert.equal(f.problem, undefined);
  assert.match(f.python!.version, /^3\.11\.\d+$/);
  assert.equal(f.python!.venv, false);
  const byName = new Map(f.distributions.map((d) => [d.name.toLowerCase(), d]));
  assert.equal(byName.get('numpy')?.version, '1.24.2');
  assert.equal(byName.get('lz4')?.version, '4.0.2+dfsg');
  assert.ok(
    byName.get('scikit-learn')!.requires.some((r) => /^numpy/.test(r)),
    'Requires-Dist is read',
  );
  assert.ok(f.distributions.length >= 31, String(f.distributions.length));
  assert.equal(imageHasJupyter(f), false);
  assert.match(f.imageId, /^sha256:[0-9a-f]{64}$/);
});

test('probe: Jupyter is found by asking the image, and answers come from the cache', async () => {
  clearImageProbeMemory();
  const f = await probeImage(engine, 'local/jupyter:3.11', { cacheDir });
  assert.ok(imageHasJupyter(f), JSON.stringify(f.jupyter));
  // The cache is keyed by image id: a doctored answer on disk is what the next (cold-memory) probe returns.
  const file = path.join(cacheDir, `${f.imageId.slice(7)}.json`);
  const cached = JSON.parse(fs.readFileSync(file, 'utf8'));
  cached.facts.python.version = '3.11.99';
  fs.writeFileSync(file, JSON.stringify(cached));
  clearImageProbeMemory();
  assert.equal((await probeImage(engine, 'local/jupyter:3.11', { cacheDir })).python?.version, '3.11.99');
  assert.equal(probeCacheDir({ env: { DSC_CACHE_DIR: '/x' } }), path.join('/x', 'image-probe'));
});

test('probe: an image without Python says so; a missing image is ImageNotFound', async () => {
  images.push(NO_PYTHON);
  execFileSync('docker', ['build', '-q', '--label', 'dsContainers.test=lock9', '-t', NO_PYTHON, '-'], {
    input: 'FROM python:3.11-slim\nRUN rm -f /usr/bin/python /usr/bin/python3 /usr/bin/python3.*\n',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  const f = await probeImage(engine, NO_PYTHON, { cacheDir });
  assert.match(f.problem ?? '', /no Python in the image/);
  await assert.rejects(probeImage(engine, 'dsc-test-lock9-absent:none', { cacheDir }), ImageNotFound);
});

test(
  'registry helper: push to 127.0.0.1 (with htpasswd auth) gives the image a RepoDigest',
  { skip: !registryAvailable() && 'docker-registry is not installed (scripts/setup.sh)' },
  async () => {
    const reg = await startRegistry({ auth: { user: 'lock9', password: 's3cret-lock9' } });
    const ref = `${reg.host}/lock9-python:3.11-slim`;
    images.push(ref);
    try {
      execFileSync('docker', ['tag', 'python:3.11-slim', ref]);
      assert.throws(
        () => execFileSync('docker', ['push', ref], { stdio: 'pipe' }),
        /no basic auth|unauthorized|authentication required/i,
      );
      const cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lock9-dockercfg-'));
      const env = { ...process.env, DOCKER_CONFIG: cfg };
      execFileSync('docker', ['login', '--username', 'lock9', '--password-stdin', reg.host], {
        input: 's3cret-lock9',
        env,
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      execFileSync('docker', ['push', ref], { env, stdio: 'ignore' });
      fs.rmSync(cfg, { recursive: true, force: true });
      const summary = await engine.imageSummary(ref);
      assert.ok(
        summary?.repoDigests?.some((d) => d.startsWith(`${reg.host}/lock9-python@sha256:`)),
        JSON.stringify(summary?.repoDigests),
      );
    } finally {
      await reg.stop();
    }
  },
);
