// Issue 26, defects 4-7 and part of 10: requirements files the README and devcontainer name, declared ranges that
// no pin contradicts, the Python a project asks for against its base image's, pins for the Python of the
// project's own Dockerfile, notes only for lines that pin another version, our own Dockerfile not read as
// evidence, environment.yml's `pip: - .`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeProject } from '../../src/node/analyze';
import { projectFolders } from '../../src/node/projects';
import { specFromAnalysis } from '../../src/core/generate';
import { generateDockerfile } from '../../src/core/generate/dockerfile';
import { renderRequirements } from '../../src/core/requirements/render';
import { pinSpec } from '../../src/node/basePins';
import { pythonMismatches } from '../../src/node/pythonAsks';
import { proposeSpec } from '../../src/node/containerize/propose';
import { requirementFilesNamed } from '../../src/core/requirements/named';
import { choosePins, installedMap } from '../../src/core/environment/pins';
import type { ImageFacts } from '../../src/core/environment/imageFacts';
import { analysis, req } from './analysis-samples';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/issue26');
const fixture = (name: string) => path.join(FIXTURES, name);
const dist = (name: string, version: string, requires: string[] = []) => ({ name, version, requires });

function image(python: string, dists: ReturnType<typeof dist>[]): { facts: ImageFacts } {
  return {
    facts: {
      imageId: 'sha256:0',
      created: 0,
      repoDigests: [],
      python: { version: python, executable: '/usr/local/bin/python', venv: false },
      jupyter: {},
      distributions: dists,
    },
  };
}

test('requirements files named by `-r` in a README or devcontainer.json, inside the project only', () => {
  assert.deepEqual(
    requirementFilesNamed('pip install -r src/requirements.txt && pip install --requirement=dev.in -r ../x.txt'),
    ['src/requirements.txt', 'dev.in'],
  );
  assert.deepEqual(requirementFilesNamed('"postCreateCommand": "pip install -r /workspace/req/base.txt"'), [
    'req/base.txt',
  ]);
});

test('src/requirements.txt named by the README is read, and its range is what requirements.txt writes', async () => {
  const a = await analyzeProject(fixture('src-requirements'), { python: false, offline: true });
  const sk = a.requirements.find((r) => r.name === 'scikit-learn')!;
  assert.ok(sk.declaredIn?.includes('src/requirements.txt'), JSON.stringify(sk));
  assert.deepEqual(sk.declaredSpec, { specifier: '>=1.7.1', file: 'src/requirements.txt', line: 1 });
  const spec = specFromAnalysis(a);
  assert.match(renderRequirements(spec.requirements), /^scikit-learn>=1\.7\.1$/m);
});

test('--pins image never writes a pin below the declared range: the range stays, and the note says where', () => {
  const a = analysis({
    requirements: [
      { ...req('scikit-learn'), declaredSpec: { specifier: '>=1.7.1', file: 'src/requirements.txt', line: 1 } },
    ],
  });
  const spec = specFromAnalysis(a);
  const r = pinSpec(spec, a, 'image', image('3.11.2', [dist('scikit-learn', '1.2.1')]), 'local/python:3.11-scipy');
  assert.deepEqual(r.spec.requirements, [{ name: 'scikit-learn', specifier: '>=1.7.1' }]);
  assert.equal(r.notes[0].level, 'warning');
  assert.match(
    r.notes[0].message,
    /^scikit-learn: base image local\/python:3\.11-scipy has 1\.2\.1, but src\/requirements\.txt:1 asks scikit-learn>=1\.7\.1: requirements\.txt keeps scikit-learn>=1\.7\.1/,
  );
});

test('requires-python >=3.13 on a 3.11 base: flagged at pyproject.toml:4 with a base that fits', async () => {
  const got = await pythonMismatches(fixture('src-requirements'), 'local/python:3.11-scipy', '3.11.2');
  assert.deepEqual(
    got.map((c) => [c.file, c.line]),
    [['pyproject.toml', 4]],
  );
  assert.match(got[0].message, /asks for Python >=3\.13, but base image local\/python:3\.11-scipy has Python 3\.11/);
  assert.match(got[0].message, /--base-image python:3\.13-slim/);
  assert.deepEqual(await pythonMismatches(fixture('src-requirements'), 'python:3.13-slim', undefined), []);
});

test('runtime.txt and environment.yml Python versions beside another base: each flagged at its line', async () => {
  const got = await pythonMismatches(fixture('python-elsewhere'), 'local/python:3.11-scipy', '3.11.2');
  assert.deepEqual(
    got.map((c) => [c.file, c.line, /python:(\d\.\d+)-slim/.exec(c.message)?.[1]]),
    [
      ['runtime.txt', 1, '3.8'],
      ['environment.yml', 5, '3.9'],
    ],
  );
});

test('environment.yml `pip: - .` installs the project (no parse warning), built after the code is copied', async () => {
  const a = await analyzeProject(fixture('python-elsewhere'), { python: false, offline: true });
  assert.ok(!a.warnings.some((w) => /cannot parse/.test(w.message)), JSON.stringify(a.warnings));
  assert.deepEqual(a.installable, { editable: false, buildRequires: [] });
  assert.match(
    generateDockerfile(specFromAnalysis(a)),
    /^RUN pip install --no-cache-dir --no-deps --no-build-isolation \.$/m,
  );
});

test('a project Dockerfile FROM python:3.7-slim: no pins from the 3.11 interpreter, Python 3.7, said once', async () => {
  const dir = fixture('own-dockerfile-old');
  const interpreter = { command: 'python3', version: '3.11.7', installed: { numpy: '2.4.6' } };
  const a = analysis({
    root: dir,
    entry: 'run.py',
    localModules: ['run'],
    requirements: [req('numpy', '2.4.6')],
    interpreter,
    existing: ['Dockerfile'],
  });
  const p = await proposeSpec(dir, a, {});
  assert.equal(p.spec.baseImage, 'python:3.7-slim');
  assert.equal(p.spec.pythonVersion, '3.7');
  assert.deepEqual(p.spec.requirements, [{ name: 'numpy' }]);
  const note = p.notes.filter((n) => /is Python 3\.11 but base image python:3\.7-slim has Python 3\.7/.test(n.message));
  assert.equal(note.length, 1, JSON.stringify(p.notes));
  assert.match(renderRequirements(p.spec.requirements, { versionSource: p.spec.versionSource }), /none taken/);
  // When the image can be asked, its own versions are the pins.
  const asked = pinSpec(
    specFromAnalysis(a, { baseImage: 'python:3.9-slim' }),
    a,
    'interpreter',
    image('3.9.2', [dist('numpy', '1.19.5')]),
    'python:3.9-slim',
  );
  assert.deepEqual(asked.spec.requirements, [{ name: 'numpy', version: '1.19.5' }]);
  assert.equal(asked.spec.pythonVersion, '3.9');
});

test('a bare `numpy` line of the user keeps the image numpy: no "pip will replace" and no major-version warning', () => {
  const a = analysis({
    requirements: [
      {
        ...req('numpy', '2.4.6'),
        declaredIn: ['requirements.txt'],
        declaredSpec: { specifier: '', file: 'requirements.txt', line: 1 },
      },
      req('scipy', '1.17.1'),
    ],
    existing: ['requirements.txt'],
    interpreter: { command: 'python3', version: '3.11.7', installed: { numpy: '2.4.6', scipy: '1.17.1' } },
  });
  const base = image('3.11.2', [
    dist('numpy', '1.24.2'),
    dist('scipy', '1.10.1', ['numpy<1.27.0,>=1.19.5']),
    dist('contourpy', '1.0.7', ['numpy>=1.16']),
  ]);
  const r = pinSpec(specFromAnalysis(a), a, 'interpreter', base, 'local/python:3.11-scipy');
  const numpy = r.notes.filter((n) => /numpy/.test(n.message) && !/^scipy/.test(n.message));
  assert.deepEqual(
    numpy.map((n) => n.message),
    ["numpy: python3 has 2.4.6, base image local/python:3.11-scipy ships 1.24.2; pip keeps the image's 1.24.2"],
  );
  assert.deepEqual(r.spec.requirements[0], { name: 'numpy' });
  // Its own pinned line is another matter: that one does replace the image's.
  assert.ok(r.notes.some((n) => /^scipy: .*pip will replace the image's 1\.10\.1 with 1\.17\.1$/.test(n.message)));
});

test('many differences are grouped into one line naming the first few', () => {
  const names = Array.from({ length: 40 }, (_, i) => `pkg${i}`);
  const r = choosePins({
    requirements: names.map((n) => ({ name: n, version: '2.0' })),
    source: 'interpreter',
    image: { ref: 'big:1', installed: installedMap(names.map((n) => dist(n, '1.0'))), pythonVersion: '3.11' },
    pythonVersion: '3.11',
  });
  assert.equal(r.notes.length, 1, JSON.stringify(r.notes));
  assert.equal(
    r.notes[0].message,
    "pip will replace 40 of the image's packages: pkg0 1.0 → 2.0, pkg1 1.0 → 2.0, pkg2 1.0 → 2.0, pkg3 1.0 → 2.0, " +
      'pkg4 1.0 → 2.0, pkg5 1.0 → 2.0, pkg6 1.0 → 2.0, pkg7 1.0 → 2.0 and 32 more',
  );
});

test("our own generated Dockerfile is not evidence: its CMD jupyter lab adds no jupyterlab; a user's still does", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-own-dockerfile-'));
  const nb = {
    cells: [{ cell_type: 'code', metadata: {}, source: ['import numpy'], outputs: [] }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(path.join(dir, 'explore.ipynb'), JSON.stringify(nb));
  const names = async () =>
    (await analyzeProject(dir, { python: false, offline: true })).requirements.map((r) => r.name);
  const spec = specFromAnalysis(await analyzeProject(dir, { python: false, offline: true }), {
    baseImage: 'local/jupyter:3.11',
    baseImageFacts: { jupyter: true, distributions: ['jupyterlab', 'numpy'] },
  });
  fs.writeFileSync(path.join(dir, 'Dockerfile'), generateDockerfile(spec));
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^CMD \["jupyter", "lab"/m);
  assert.ok(!(await names()).includes('jupyterlab'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nCMD ["jupyter", "lab"]\n');
  assert.ok((await names()).includes('jupyterlab'));
  fs.rmSync(dir, { recursive: true });
});

test('binder/environment.yml declares the tutorial at the root; a subfolder with its own environment stays out', async () => {
  const dir = fixture('binder-tutorial');
  assert.deepEqual(
    (await projectFolders(dir)).map((p) => path.relative(dir, p)),
    ['', '0x_advanced'],
  );
  const a = await analyzeProject(dir, { python: false, offline: true });
  assert.equal(a.pythonVersion, '3.9');
  assert.equal(a.pythonVersionFrom, 'binder/environment.yml');
  assert.deepEqual(
    a.requirements.filter((r) => r.class === 'runtime').map((r) => r.name),
    ['numpy'],
  );
  assert.ok(a.warnings.some((w) => w.file === '0x_advanced' && /a project of its own/.test(w.message)));
});

test('`pip install argparse dvc` in .devcontainer/Dockerfile: dvc is declared, the stdlib backport is not (trial: DVC_SuperSimple)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-stdlib-pip-'));
  try {
    fs.mkdirSync(path.join(dir, '.devcontainer'));
    fs.writeFileSync(
      path.join(dir, '.devcontainer/Dockerfile'),
      'FROM python:3.11-slim\nRUN pip install argparse dvc ipykernel\n',
    );
    fs.writeFileSync(path.join(dir, 'train.py'), 'import argparse\nimport numpy\n');
    const names = (await analyzeProject(dir, { python: false, offline: true })).requirements.map((r) => r.name);
    assert.ok(!names.includes('argparse'), names.join(', '));
    assert.ok(names.includes('numpy'), names.join(', '));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
