import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDeclarations } from '../../src/node/declarations';
import { analyzeProject } from '../../src/node/analyze';

function project(files: Record<string, string>): { dir: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-decl-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

test('requirements files: pins, ranges, extras, markers, -r includes, continuation lines, dev files, bad lines', async () => {
  const p = project({
    'requirements.txt':
      '# comment\n-r requirements/base.txt\n--index-url https://example.org/simple\npandas[excel]==2.2.1 ; python_version >= "3.9"\nscipy>=1.10 \\\n  ,<2\nthis is not valid ###\n-e .\n',
    'requirements/base.txt': 'numpy==1.26.4\n-r ../requirements.txt\n',
    'requirements-dev.txt': 'pytest==8.2.0\n',
  });
  try {
    const d = await readDeclarations(p.dir);
    const pkgs = d.packages.map((x) => `${x.name}|${x.version ?? ''}|${x.file}:${x.line}|${x.class}`).sort();
    assert.deepEqual(pkgs, [
      'numpy|1.26.4|requirements/base.txt:1|runtime',
      'pandas|2.2.1|requirements.txt:4|runtime',
      'pytest|8.2.0|requirements-dev.txt:1|dev',
      'scipy||requirements.txt:5|runtime',
    ]);
    assert.deepEqual(d.warnings, [
      { file: 'requirements.txt', line: 7, message: 'cannot parse requirement "this is not valid"' },
    ]);
  } finally {
    p.dispose();
  }
});

test('pyproject.toml dependencies, optional groups and requires-python; invalid TOML is a warning with its line', async () => {
  const p = project({
    'pyproject.toml':
      '[project]\nname = "x"\nrequires-python = ">=3.9,<3.13"\ndependencies = ["requests>=2", "rich==13.7.1"]\n[project.optional-dependencies]\ntest = ["pytest"]\nplot = ["matplotlib"]\n',
  });
  try {
    const d = await readDeclarations(p.dir);
    assert.deepEqual(
      d.packages.map((x) => `${x.name}|${x.version ?? ''}|${x.class}`),
      ['requests||runtime', 'rich|13.7.1|runtime', 'pytest||dev', 'matplotlib||optional'],
    );
    assert.deepEqual(d.python, { version: '3.9', file: 'pyproject.toml', range: '>=3.9,<3.13' });
  } finally {
    p.dispose();
  }
  const bad = project({ 'pyproject.toml': '[project]\ndependencies = [\n' });
  try {
    const d = await readDeclarations(bad.dir);
    assert.equal(d.warnings.length, 1);
    assert.match(d.warnings[0].message, /^invalid TOML/);
    assert.equal(d.warnings[0].file, 'pyproject.toml');
  } finally {
    bad.dispose();
  }
});

test('environment.yml: python version, pip section, CUDA packages as a GPU hint; .python-version beats runtime.txt', async () => {
  const p = project({
    'environment.yml':
      'name: x\ndependencies:\n  - python=3.10\n  - pytorch-cuda=12.1\n  - pip\n  - pip:\n      - gradio==4.0.0\n',
  });
  try {
    const d = await readDeclarations(p.dir);
    assert.deepEqual(d.python, { version: '3.10', file: 'environment.yml' });
    assert.deepEqual(
      d.packages.map((x) => `${x.name}|${x.version}`),
      ['gradio|4.0.0'],
    );
    assert.equal(d.cudaHint, true);
  } finally {
    p.dispose();
  }
  const q = project({ '.python-version': '3.12.1\n', 'runtime.txt': 'python-3.9.18\n' });
  try {
    assert.deepEqual((await readDeclarations(q.dir)).python, { version: '3.12', file: '.python-version' });
  } finally {
    q.dispose();
  }
  const r = project({ 'runtime.txt': 'python-3.9.18\n' });
  try {
    assert.deepEqual((await readDeclarations(r.dir)).python, { version: '3.9', file: 'runtime.txt' });
  } finally {
    r.dispose();
  }
});

test('a CUDA wheel index in requirements.txt plus torch makes a GPU project; torch alone does not', async () => {
  const gpu = project({
    'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n',
    'train.py': 'import torch\n',
  });
  const cpu = project({ 'train.py': 'import torch\nx = torch.zeros(3)\n' });
  try {
    assert.equal((await analyzeProject(gpu.dir, { python: false })).gpu, true);
    assert.equal((await analyzeProject(cpu.dir, { python: false })).gpu, false);
  } finally {
    gpu.dispose();
    cpu.dispose();
  }
});

test('conda environments and virtual environments inside the project are not scanned', async () => {
  const p = project({
    'main.py': 'import requests\n',
    'env/conda-meta/history': '',
    'env/lib/x.py': 'import conda_only\n',
    'v/pyvenv.cfg': '',
    'v/lib/y.py': 'import venv_only\n',
  });
  try {
    const a = await analyzeProject(p.dir, { python: false });
    assert.deepEqual(
      a.requirements.map((r) => r.name),
      ['requests'],
    );
  } finally {
    p.dispose();
  }
});

test('requirements: a hashed line continued with `\\` parses (the same parser as the editor); UTF-16 with BOM is decoded', async () => {
  const hashed =
    'Pillow==10.0.0 \\\n    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000\nrequests==2.31.0 --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111\n';
  const p = project({ 'requirements.txt': hashed });
  fs.writeFileSync(
    path.join(p.dir, 'requirements-win.txt'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('numpy==1.26.4\r\n', 'utf16le')]),
  );
  try {
    const d = await readDeclarations(p.dir);
    assert.deepEqual(d.packages.map((x) => `${x.name}|${x.version}|${x.file}:${x.line}`).sort(), [
      'Pillow|10.0.0|requirements.txt:1',
      'numpy|1.26.4|requirements-win.txt:1',
      'requests|2.31.0|requirements.txt:3',
    ]);
    assert.deepEqual(d.warnings, []);
  } finally {
    p.dispose();
  }
});

test('an import served by a declared drop-in alternative is not a second requirement (cv2 by opencv-python-headless)', async () => {
  const p = project({
    'app.py': 'import cv2\nimport psycopg2\n',
    'requirements.txt': 'opencv-python-headless==4.9.0.80\npsycopg2-binary\n',
  });
  try {
    const a = await analyzeProject(p.dir, { python: false });
    assert.deepEqual(
      a.requirements
        .filter((r) => r.class === 'runtime')
        .map((r) => r.name)
        .sort(),
      ['opencv-python-headless', 'psycopg2-binary'],
    );
  } finally {
    p.dispose();
  }
});
