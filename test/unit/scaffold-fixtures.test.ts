// scaffold end to end through main(), on temp copies of the fixture projects (never the fixtures).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { main } from '../../src/cli/main';
import { dscFindings } from '../../src/core/dockerfile/rules';
import { recordingIo } from './analysis-samples';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/projects');

function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dsc-gen-fixture-${name}-`));
  fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  fs.rmSync(path.join(dir, 'expected.json'), { force: true });
  return dir;
}

async function scaffold(dir: string, ...flags: string[]) {
  const io = recordingIo(os.tmpdir());
  const code = await main(['scaffold', dir, ...flags], io);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), read };
}

function requirementNames(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('==')[0]);
}

test('linear-classifier-script: numpy alone, script mode, a lint-clean Dockerfile running train.py', async () => {
  const dir = copyFixture('linear-classifier-script');
  const r = await scaffold(dir);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(requirementNames(r.read('requirements.txt')), ['numpy']);
  const dockerfile = r.read('Dockerfile');
  assert.match(dockerfile, /^CMD \["python", "train\.py"\]$/m);
  assert.deepEqual(dscFindings(dockerfile), []);
  assert.equal(parse(r.read('compose.yaml')).services.app.ports, undefined);
  assert.ok(fs.existsSync(path.join(dir, '.dockerignore')));
  fs.rmSync(dir, { recursive: true });
});

test('linear-classifier-notebook: jupyter mode installs JupyterLab and serves on 127.0.0.1:8888', async () => {
  const dir = copyFixture('linear-classifier-notebook');
  const r = await scaffold(dir);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(requirementNames(r.read('requirements.txt')), ['jupyterlab', 'numpy']);
  assert.match(r.read('Dockerfile'), /^CMD \["jupyter", "lab", "--ip=0\.0\.0\.0", "--port=8888", "--no-browser"\]$/m);
  assert.deepEqual(parse(r.read('compose.yaml')).services.app.ports, ['127.0.0.1:8888:8888']);
  fs.rmSync(dir, { recursive: true });
});

test('linear-classifier-notebook on a Jupyter base image installs no JupyterLab', async () => {
  const dir = copyFixture('linear-classifier-notebook');
  const r = await scaffold(dir, '--base-image', 'local/jupyter:3.11');
  assert.deepEqual(requirementNames(r.read('requirements.txt')), ['numpy']);
  assert.match(r.read('Dockerfile'), /^FROM local\/jupyter:3\.11$/m);
  fs.rmSync(dir, { recursive: true });
});

test('app-streamlit --dry-run prints the streamlit server and writes nothing', async () => {
  const dir = copyFixture('app-streamlit');
  const before = fs.readdirSync(dir).sort();
  const r = await scaffold(dir, '--dry-run', '--verbose');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(fs.readdirSync(dir).sort(), before);
  assert.match(r.out, /"streamlit", "run", "streamlit_app\.py", "--server\.address=0\.0\.0\.0"/);
  assert.match(r.out, /"127\.0\.0\.1:8501:8501"/);
  assert.match(r.out, /HEALTHCHECK/);
  fs.rmSync(dir, { recursive: true });
});

test('app-fastapi: uvicorn serves main:app on 8000', async () => {
  const dir = copyFixture('app-fastapi');
  const r = await scaffold(dir);
  assert.match(
    r.read('Dockerfile'),
    /^CMD \["python", "-m", "uvicorn", "main:app", "--host", "0\.0\.0\.0", "--port", "8000"\]$/m,
  );
  assert.ok(requirementNames(r.read('requirements.txt')).includes('uvicorn'));
  fs.rmSync(dir, { recursive: true });
});

test('gpu-torch: the GPU is detected and compose reserves it', async () => {
  const dir = copyFixture('gpu-torch');
  const r = await scaffold(dir);
  const devices = parse(r.read('compose.yaml')).services.app.deploy.resources.reservations.devices;
  assert.deepEqual(devices, [{ driver: 'nvidia', count: 'all', capabilities: ['gpu'] }]);
  assert.match(r.read('Dockerfile'), /NVIDIA_VISIBLE_DEVICES=all/);
  fs.rmSync(dir, { recursive: true });
});

test('a second scaffold changes nothing and says so', async () => {
  const dir = copyFixture('linear-classifier-script');
  await scaffold(dir);
  const again = await scaffold(dir);
  assert.equal(again.code, 0);
  for (const f of ['requirements.txt', 'Dockerfile', 'compose.yaml', '.dockerignore'])
    assert.match(again.out, new RegExp(`^${f.replace('.', '\\.')}: unchanged$`, 'm'));
  fs.rmSync(dir, { recursive: true });
});

test('the fixtures themselves are untouched', () => {
  for (const name of [
    'linear-classifier-script',
    'linear-classifier-notebook',
    'app-streamlit',
    'app-fastapi',
    'gpu-torch',
  ]) {
    for (const f of ['requirements.txt', 'Dockerfile', 'compose.yaml', '.dockerignore'])
      assert.ok(!fs.existsSync(path.join(fixtures, name, f)), `${name}/${f}`);
  }
});

test('an existing requirements.txt in a fixture copy: pins kept, missing added, unimported ones reported', async () => {
  const dir = copyFixture('app-streamlit');
  const mine = 'pandas==1.5.3  # the version of the paper\nrequests\n';
  fs.writeFileSync(path.join(dir, 'requirements.txt'), mine);
  const r = await scaffold(dir);
  const text = r.read('requirements.txt');
  assert.ok(text.startsWith(mine), text);
  assert.deepEqual(requirementNames(text.slice(mine.length)), ['matplotlib', 'streamlit']);
  assert.match(r.out, /nothing imports requests \(kept/);
  fs.rmSync(dir, { recursive: true });
});

test('hostile files never crash scaffold: warnings name the file, no stack trace, the files are written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-gen-hostile-'));
  fs.writeFileSync(path.join(dir, 'main.py'), 'import numpy\n\nif __name__ == "__main__":\n    print(1)\n');
  fs.writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [');
  fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0, 1, 2, 255, 254, 0, 7]));
  fs.writeFileSync(path.join(dir, 'latin.py'), Buffer.from('# caf\xe9\nimport scipy\n', 'latin1'));
  fs.symlinkSync(dir, path.join(dir, 'loop'));
  const r = await scaffold(dir);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err + r.out, /\n\s+at /, 'no stack trace');
  assert.match(r.err, /broken\.ipynb/);
  assert.ok(fs.existsSync(path.join(dir, 'Dockerfile')));
  fs.rmSync(dir, { recursive: true });
});
