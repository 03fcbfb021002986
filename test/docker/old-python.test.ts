// Issue 25: pins that cannot install on the chosen Python (3.11) are caught before the build, and the base the
// scaffold proposes (the python:3.9-slim stand-in, bullseye's Python with its numpy 1.19.5) builds, runs and checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import * as fs from 'fs';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES } from './helpers';

const { copy, engine } = buildingEngine(120000);
const NO_WHEEL = /numpy==1\.19\.5 has no wheel for Python 3\.11 \(wheels for 3\.6–3\.9; building it from source/;

test('the stand-in of an older Python exists (test/docker/setup-engine.sh builds it)', async () => {
  const images = await engine.listImages();
  assert.ok(
    images.some((i) => i.tags.includes('python:3.9-slim')),
    'python:3.9-slim is missing: run test/docker/setup-engine.sh',
  );
});

test('on python:3.11-slim the pin fails: up stops before the build, and a build anyway fails', async () => {
  const { dir } = copy(path.join(FIXTURES, 'build-run', 'old-numpy'));
  const up = captureIo();
  assert.equal(await main(['up', dir, '--base-image', 'python:3.11-slim'], up), 1, up.stderr.join('\n'));
  assert.match(up.stderr.join('\n'), NO_WHEEL);
  assert.match(up.stderr.join('\n'), /Nothing written, nothing built/);
  assert.ok(!fs.existsSync(path.join(dir, 'Dockerfile')));
  // What would have happened without the check: the files as they were proposed, and pip failing in the build.
  const scaffold = captureIo();
  assert.equal(await main(['scaffold', dir, '--base-image', 'python:3.11-slim'], scaffold), 0);
  const build = captureIo();
  // Offline pip finds no wheel (a machine with the index would compile the sdist, and fail without a compiler).
  assert.equal(await main(['build', dir], build), 1, 'numpy 1.19.5 cannot install on 3.11 here');
  assert.match(build.stderr.join('\n'), /numpy==1\.19\.5/);
});

test('--python-fix base: up builds FROM python:3.9-slim, runs, and check passes', async () => {
  const { dir } = copy(path.join(FIXTURES, 'build-run', 'old-numpy'));
  const io = captureIo();
  const code = await main(['up', dir, '--python-fix', 'base'], io);
  assert.equal(code, 0, io.stderr.join('\n'));
  assert.match(io.stderr.join('\n'), NO_WHEEL);
  assert.ok(io.stdout.includes('  --python-fix base: use python:3.9-slim, a Python every pin has wheels for'));
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^FROM python:3\.9-slim$/m);
  assert.match(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), /^numpy==1\.19\.5$/m);
  assert.ok(io.stdout.includes('numpy 1.19.5 mean 4.5'), io.stdout.join('\n'));
  const check = captureIo();
  assert.equal(await main(['check', dir], check), 0, check.stderr.join('\n'));
  assert.match(check.stdout.at(-1)!, /^all 1 imports load in .*: numpy$/);
});
