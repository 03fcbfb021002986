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
    'requirements.txt': '# comment\n-r requirements/base.txt\n--index-url https://example.org/simple\npandas[excel]==2.2.1 ; python_version >= "3.9"\nscipy>=1.10 \\\n  ,<2\nthis is not valid ###\n-e .\n',
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
    assert.deepEqual(d.warnings, [{ file: 'requirements.txt', line: 7, message: 'cannot parse requirement "this is not valid"' }]);
  } finally {
    p.dispose();
  }
});

test('pyproject.toml dependencies, optional groups and requires-python; invalid TOML is a warning with its line', async () => {
  const p = project({ 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.9,<3.13"\ndependencies = ["requests>=2", "rich==13.7.1"]\n[project.optional-dependencies]\ntest = ["pytest"]\nplot = ["matplotlib"]\n' });
  try {
    const d = await readDeclarations(p.dir);
    assert.deepEqual(d.packages.map((x) => `${x.name}|${x.version ?? ''}|${x.class}`), ['requests||runtime', 'rich|13.7.1|runtime', 'pytest||dev', 'matplotlib||optional']);
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
  const p = project({ 'environment.yml': 'name: x\ndependencies:\n  - python=3.10\n  - pytorch-cuda=12.1\n  - pip\n  - pip:\n      - gradio==4.0.0\n' });
  try {
    const d = await readDeclarations(p.dir);
    assert.deepEqual(d.python, { version: '3.10', file: 'environment.yml' });
    assert.deepEqual(d.packages.map((x) => `${x.name}|${x.version}`), ['gradio|4.0.0']);
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
  const gpu = project({ 'requirements.txt': '--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n', 'train.py': 'import torch\n' });
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
  const p = project({ 'main.py': 'import requests\n', 'env/conda-meta/history': '', 'env/lib/x.py': 'import conda_only\n', 'v/pyvenv.cfg': '', 'v/lib/y.py': 'import venv_only\n' });
  try {
    const a = await analyzeProject(p.dir, { python: false });
    assert.deepEqual(a.requirements.map((r) => r.name), ['requests']);
  } finally {
    p.dispose();
  }
});
