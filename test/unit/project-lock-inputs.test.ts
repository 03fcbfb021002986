// Issue 24's remaining lock inputs: conda-lock.yml (+ environment.yml) is a lock like the others (read, scaffolded
// from, compared by `check`, its conda-only packages named in one line); a project with both its own
// requirements.txt and a lock installs requirements.txt (never overwritten) and `check` compares with it; a uv
// project on a base with uv gets `uv sync --locked`. `check` runs against a stub engine whose image facts are in
// the probe's on-disk cache, so no container runs here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LOCK_FILES } from '../../src/core/locks';
import { installedInput } from '../../src/core/locks/precedence';
import { readProjectLock } from '../../src/node/projectLock';
import { proposeSpec } from '../../src/node/containerize/propose';
import { lockInstaller } from '../../src/node/containerize/fromLock';
import { scaffoldProject } from '../../src/node/scaffold';
import { generateAll, generateDockerfile } from '../../src/core/generate';
import { checkProjectLock } from '../../src/cli/commands/checkProjectLock';
import { IMAGE_PROBE_SCHEMA, ImageFacts } from '../../src/core/environment/imageFacts';
import { Engine } from '../../src/node/docker/engine';
import { analysis, req } from './analysis-samples';
import { captureIo } from './cli-io';

const FIXTURE = path.resolve(__dirname, '../../../test/fixtures/projects/conda-lock');

function folder(files: Record<string, string> = {}, from?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lockin-'));
  if (from) fs.cpSync(from, dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const UV_LOCK = [
  'version = 1',
  '[[package]]',
  'name = "numpy"',
  'version = "1.24.2"',
  'source = { registry = "https://pypi.org/simple" }',
  '[[package]]',
  'name = "pandas"',
  'version = "1.5.3"',
  'source = { registry = "https://pypi.org/simple" }',
  '',
].join('\n');

/** An engine that only knows one image, whose probe answer is already cached under DSC_CACHE_DIR. */
function imageWith(dists: Record<string, string>): { engine: Engine; env: NodeJS.ProcessEnv } {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lockin-cache-'));
  const id = `sha256:${'ab'.repeat(32)}${Math.random()
    .toString(16)
    .slice(2, 10)
    .replace(/[^a-f0-9]/g, 'a')}`;
  const facts: ImageFacts = {
    imageId: id,
    created: 0,
    repoDigests: [],
    python: { version: '3.11.2', executable: '/usr/bin/python3', venv: false },
    jupyter: {},
    distributions: Object.entries(dists).map(([name, version]) => ({ name, version, requires: [] })),
  };
  const file = path.join(cache, 'image-probe', `${id.replace(/^sha256:/, '')}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ schema: IMAGE_PROBE_SCHEMA, facts }));
  const engine = { imageSummary: async () => ({ id, created: 0, repoDigests: [] }) } as unknown as Engine;
  return { engine, env: { ...process.env, DSC_CACHE_DIR: cache } };
}

async function check(dir: string, dists: Record<string, string>) {
  const { engine, env } = imageWith(dists);
  const io = { ...captureIo(dir), env };
  const differs = await checkProjectLock(io, engine, dir, 'demo:latest');
  return { differs, out: io.stdout, err: io.stderr };
}

const STAND_IN = { numpy: '1.24.2', pandas: '1.5.3', six: '1.16.0', pip: '23.0.1', scipy: '1.10.1' };

test('conda-lock.yml is one of the lock files, after the pip-world ones', () => {
  assert.deepEqual([...LOCK_FILES], ['uv.lock', 'pylock.toml', 'poetry.lock', 'Pipfile.lock', 'conda-lock.yml']);
});

test('conda-lock.yml: a pip image holds its pip entries and conda Python packages; the rest is named apart', () => {
  const r = readProjectLock(FIXTURE);
  assert.ok(r && !('error' in r), JSON.stringify(r));
  assert.equal(path.basename(r.file), 'conda-lock.yml');
  assert.deepEqual(
    r.packages.map((p) => `${p.name}==${p.version} ${p.manager}`),
    ['numpy==1.24.2 conda', 'pandas==1.5.3 conda', 'six==1.16.0 pip'],
  );
  assert.deepEqual(r.condaOnly, ['openssl', 'python']);
});

test('a broken conda-lock.yml is one line naming the file and line; scaffold warns and keeps the scan pins', async () => {
  const dir = folder({
    'environment.yml': 'name: x\n',
    'conda-lock.yml': 'version: 1\npackage:\n  - name: a\n   bad: [\n',
  });
  const r = readProjectLock(dir);
  assert.deepEqual(r && 'error' in r ? r.error : r, 'conda-lock.yml:4: Sequence item without - indicator');
  const a = analysis({ root: dir, requirements: [req('numpy', '1.26.4')] });
  const p = await proposeSpec(dir, a, {});
  assert.equal(p.spec.lock, undefined);
  assert.deepEqual(p.spec.requirements, [{ name: 'numpy', version: '1.26.4' }]);
  assert.ok(
    p.notes.some((n) => n.level === 'warning' && n.message.startsWith('conda-lock.yml:4: Sequence item')),
    JSON.stringify(p.notes),
  );
  fs.rmSync(dir, { recursive: true });
});

test('scaffold from conda-lock.yml: pins of what pip can install, one note naming the conda-only packages', async () => {
  const dir = folder({}, FIXTURE);
  const a = analysis({
    root: dir,
    entry: 'main.py',
    requirements: [req('numpy', '1.26.4'), req('pandas'), req('six')],
  });
  const p = await proposeSpec(dir, a, {});
  assert.equal(
    generateAll(p.spec)['requirements.txt'],
    [
      '# Generated by ds-containers from conda-lock.yml: its exact versions.',
      '# Installed with pip (exact pins).',
      '# To follow a changed conda-lock.yml: delete this file and run scaffold again.',
      'numpy==1.24.2',
      'pandas==1.5.3',
      'six==1.16.0',
      '',
    ].join('\n'),
  );
  const messages = p.notes.map((n) => `${n.file}: ${n.level}: ${n.message}`);
  assert.ok(
    messages.includes(
      'conda-lock.yml: note: not installed, conda packages pip cannot install (no conda in the image): openssl, python',
    ),
    messages.join('\n'),
  );
  fs.rmSync(dir, { recursive: true });
});

test('check against conda-lock.yml: the image matches; conda-only packages are one note; a difference fails', async () => {
  const ok = await check(FIXTURE, STAND_IN);
  assert.equal(ok.differs, false, ok.err.join('\n'));
  assert.ok(
    ok.out.includes('conda-lock.yml: note: not checked, conda packages a pip image cannot hold: openssl, python'),
    ok.out.join('\n'),
  );
  assert.ok(ok.out.includes('demo:latest matches conda-lock.yml'), ok.out.join('\n'));
  const bad = await check(FIXTURE, { numpy: '1.24.2', pandas: '2.2.2', pip: '23.0.1' });
  assert.equal(bad.differs, true);
  const rel = path.relative(FIXTURE, path.join(FIXTURE, 'conda-lock.yml'));
  assert.deepEqual(bad.err, [
    `${rel}: error: pandas: the image has 2.2.2, the lock says 1.5.3`,
    `${rel}: error: six==1.16.0 is locked but not installed in the image`,
  ]);
});

test('installedInput: the lock without requirements.txt or under its own generated one; else requirements.txt', () => {
  assert.equal(installedInput('uv.lock', undefined), 'lock');
  assert.equal(
    installedInput('uv.lock', '# Generated by ds-containers from uv.lock: its exact versions.\nx==1\n'),
    'lock',
  );
  assert.equal(installedInput('uv.lock', '\uFEFF# Generated by ds-containers from uv.lock: its\r\nx==1\r\n'), 'lock');
  // Generated from another lock, from the imports, or written by hand: the user's.
  assert.equal(
    installedInput('uv.lock', '# Generated by ds-containers from poetry.lock: its exact versions.\n'),
    'requirements.txt',
  );
  assert.equal(
    installedInput('uv.lock', '# Generated by ds-containers from the imports of this project.\n'),
    'requirements.txt',
  );
  assert.equal(installedInput('uv.lock', 'numpy==1.26.4\n'), 'requirements.txt');
  assert.equal(installedInput('uv.lock', ''), 'requirements.txt');
});

test('both a requirements.txt of your own and uv.lock: one note, the scan pins, the file only appended to', async () => {
  const mine = 'numpy==1.26.4  # tested with this one\n';
  const dir = folder({ 'uv.lock': UV_LOCK, 'requirements.txt': mine });
  const a = analysis({ root: dir, requirements: [req('numpy', '1.26.4'), req('pandas', '2.2.2')] });
  const p = await proposeSpec(dir, a, {});
  assert.equal(p.spec.lock, undefined);
  assert.deepEqual(
    p.notes.filter((n) => n.file === 'uv.lock').map((n) => `${n.file}: ${n.level}: ${n.message}`),
    [
      'uv.lock: note: requirements.txt is yours, so the image installs it, not uv.lock ' +
        '(to install uv.lock, move requirements.txt away and scaffold again)',
    ],
  );
  const r = await scaffoldProject(dir, p.spec, a, { consent: () => false });
  const after = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.ok(after.startsWith(mine), after);
  assert.doesNotMatch(after, /1\.24\.2|1\.5\.3|uv\.lock/);
  assert.deepEqual(r.added, ['pandas==2.2.2']);
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /pip install .*-r requirements\.txt/);
  fs.rmSync(dir, { recursive: true });
});

test('requirements.txt generated from uv.lock keeps following it: a second scaffold changes nothing', async () => {
  const dir = folder({ 'uv.lock': UV_LOCK });
  const a = analysis({ root: dir, requirements: [req('numpy', '1.26.4')] });
  await scaffoldProject(dir, (await proposeSpec(dir, a, {})).spec, a, { consent: () => false });
  const first = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.match(first, /^# Generated by ds-containers from uv\.lock:/);
  const again = await proposeSpec(dir, a, {});
  assert.equal(again.spec.lock?.file, 'uv.lock');
  const r = await scaffoldProject(dir, again.spec, a, { consent: () => false });
  assert.equal(r.files.find((f) => f.name === 'requirements.txt')?.outcome, 'unchanged');
  assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), first);
  fs.rmSync(dir, { recursive: true });
});

test('check with both: the exact pins of your requirements.txt are compared, by line; uv.lock is not', async () => {
  const dir = folder({
    'uv.lock': UV_LOCK,
    'requirements.txt':
      '# mine\nnumpy==1.24.2\npandas>=1\nscipy==1.11.0\nsix==1.16.0 ; python_version < "3"\nrich==13.0.0\n',
  });
  const r = await check(dir, { ...STAND_IN, pandas: '2.2.2' });
  assert.equal(r.differs, true);
  const rel = path.relative(dir, path.join(dir, 'requirements.txt'));
  assert.deepEqual(r.err, [
    `${rel}:4: error: scipy: the image has 1.10.1, requirements.txt says 1.11.0`,
    `${rel}:6: error: rich==13.0.0 is pinned but not installed in the image`,
  ]);
  assert.ok(r.out.includes('uv.lock: note: not compared: the image installs your requirements.txt, not this lock'));
  // pandas 2.2.2 is not what uv.lock says, and is not an error: the image was not installed from uv.lock.
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==1.24.2\n');
  const ok = await check(dir, { ...STAND_IN, pandas: '2.2.2' });
  assert.equal(ok.differs, false, ok.err.join('\n'));
  assert.ok(ok.out.includes('demo:latest matches requirements.txt'), ok.out.join('\n'));
  fs.rmSync(dir, { recursive: true });
});

test('uv.lock + pyproject.toml on a uv base image: the Dockerfile runs uv sync --locked', async () => {
  const dir = folder({ 'uv.lock': UV_LOCK, 'pyproject.toml': '[project]\nname = "demo"\nversion = "0.1.0"\n' });
  const a = analysis({ root: dir, requirements: [req('numpy', '1.26.4')] });
  const p = await proposeSpec(dir, a, { baseImage: 'ghcr.io/astral-sh/uv:python3.11-bookworm-slim' });
  assert.equal(p.spec.lock?.sync, 'uv');
  const text = generateDockerfile(p.spec);
  assert.match(text, /^COPY pyproject\.toml uv\.lock \.\/$/m);
  assert.match(
    text,
    /^RUN --mount=type=cache,target=\/root\/\.cache\/uv uv sync --locked --no-dev --no-install-project$/m,
  );
  assert.doesNotMatch(text, /pip install/);
  // Without uv in the base, pip installs the same pins.
  const pip = await proposeSpec(dir, a, { baseImage: 'python:3.11-slim' });
  assert.equal(pip.spec.lock?.sync, undefined);
  assert.match(generateDockerfile(pip.spec), /pip install --no-cache-dir -r requirements\.txt/);
  fs.rmSync(dir, { recursive: true });
});

test('lockInstaller: uv sync only for uv.lock, uv in the base, pyproject.toml, no extra tool, not Jupyter', () => {
  const spec = { mode: 'script' as const, pythonVersion: '3.11', gpu: false, hasEnvFile: false, requirements: [] };
  const o = { hasUv: true, pyproject: true, tools: [] as string[], spec };
  assert.equal(lockInstaller('uv.lock', o).sync, 'uv');
  assert.deepEqual(lockInstaller('poetry.lock', o), { installer: 'pip (exact pins)' });
  assert.deepEqual(lockInstaller('uv.lock', { ...o, hasUv: false }), { installer: 'pip: uv is not in the base image' });
  assert.deepEqual(lockInstaller('uv.lock', { ...o, pyproject: false }), {
    installer: 'pip (exact pins): uv sync needs pyproject.toml',
  });
  assert.deepEqual(lockInstaller('uv.lock', { ...o, tools: ['uvicorn'] }), {
    installer: 'pip (exact pins): uv sync installs only uv.lock, and the image also needs uvicorn',
  });
  assert.deepEqual(lockInstaller('uv.lock', { ...o, spec: { ...spec, mode: 'jupyter' } }), {
    installer: "pip (exact pins): uv sync's environment is not the Jupyter kernel's",
  });
});
