import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDeclarations } from '../../src/node/declarations';
import { condaToPip } from '../../src/core/python/conda';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-decl-'));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}
const rows = (d: Awaited<ReturnType<typeof readDeclarations>>): string[] =>
  d.packages.map((p) => `${p.name}${p.version ? '==' + p.version : ''}:${p.class}:${p.file}:${p.line ?? ''}`);

test('Pipfile: [packages] runtime, [dev-packages] dev, exact pins, [requires] python_version', async () => {
  const d = await readDeclarations(
    project({
      Pipfile:
        '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\nscikit-learn = "==1.0.2"\nflask = "*"\ngunicorn = {version = "*"}\n\n[dev-packages]\nrequests = "*"\n\n[requires]\npython_version = "3.9"\n',
    }),
  );
  assert.deepEqual(rows(d), [
    'scikit-learn==1.0.2:runtime:Pipfile:5',
    'flask:runtime:Pipfile:6',
    'gunicorn:runtime:Pipfile:7',
    'requests:dev:Pipfile:10',
  ]);
  assert.deepEqual(d.python, { version: '3.9', file: 'Pipfile' });
});

test('pyproject: Poetry dependencies and groups, uv dev-dependencies, PEP 735 groups; the project itself is no dependency', async () => {
  const d = await readDeclarations(
    project({
      'pyproject.toml': `[project]\nname = "demo"\ndependencies = ["panel>=1.4", "demo[all]"]\n[project.optional-dependencies]\nall = ["openai"]\n\n[tool.poetry]\nname = "demo"\n[tool.poetry.dependencies]\npython = "^3.10"\nuvicorn = {extras = ["standard"], version = "^0.24"}\nbcrypt = "4.0.1"\n[tool.poetry.group.dev.dependencies]\npytest = "^7"\n\n[tool.uv]\ndev-dependencies = ["ruff"]\n\n[dependency-groups]\ndocs = ["mkdocs"]\n`,
    }),
  );
  assert.deepEqual(d.packages.map((p) => `${p.name}:${p.class}`).sort(), [
    'bcrypt:runtime',
    'mkdocs:dev',
    'openai:optional',
    'panel:runtime',
    'pytest:dev',
    'ruff:dev',
    'uvicorn:runtime',
  ]);
  assert.equal(d.packages.find((p) => p.name === 'bcrypt')?.version, '4.0.1');
});

test('setup.cfg install_requires and extras; setup.py literal lists parsed (never run), computed lists ignored', async () => {
  const cfg = await readDeclarations(
    project({
      'setup.cfg':
        '[metadata]\nname = pkg\n\n[options]\ninstall_requires =\n    numpy>=1.20\n    pandas\n\n[options.extras_require]\ntest =\n    pytest\nplot = matplotlib\n',
    }),
  );
  assert.deepEqual(rows(cfg), [
    'numpy:runtime:setup.cfg:6',
    'pandas:runtime:setup.cfg:7',
    'pytest:dev:setup.cfg:11',
    'matplotlib:optional:setup.cfg:12',
  ]);
  const py = await readDeclarations(
    project({
      'setup.py':
        'from setuptools import setup\nsetup(\n    name="swifter",\n    install_requires=[\n        "pandas>=1.0.0",\n        "dask[dataframe]>=2.10.0",\n    ],\n    extras_require={"groupby": ["ray>=1.0.0"], "test": ["pytest"]},\n)\n',
    }),
  );
  assert.deepEqual(rows(py), [
    'pandas:runtime:setup.py:5',
    'dask:runtime:setup.py:6',
    'ray:optional:setup.py:8',
    'pytest:dev:setup.py:8',
  ]);
  const computed = await readDeclarations(
    project({ 'setup.py': 'setup(name="x", install_requires=get_requirements("requirements.txt"))\n' }),
  );
  assert.deepEqual(computed.packages, []);
});

test('environment.yml: conda names mapped to pip names, CUDA and system packages reported, the pip: section kept', async () => {
  const d = await readDeclarations(
    project({
      'environment.yml':
        'name: ldm\ndependencies:\n  - python=3.8.5\n  - pip=20.3\n  - cudatoolkit=11.3\n  - pytorch=1.11.0\n  - py-xgboost\n  - python-graphviz\n  - graphviz\n  - numpy=1.19.2\n  - pip:\n    - albumentations==0.4.3\n    - -e git+https://x/CLIP.git@main#egg=clip\n',
    }),
  );
  assert.deepEqual(
    d.packages.map((p) => `${p.name}${p.version ? '==' + p.version : ''}`),
    ['torch==1.11.0', 'xgboost', 'graphviz', 'numpy==1.19.2', 'albumentations==0.4.3'],
  );
  assert.deepEqual(
    d.reported.map((r) => `${r.name}:${r.line}`),
    ['cudatoolkit:5', 'graphviz:9'],
  );
  assert.equal(d.python?.version, '3.8');
  assert.equal(condaToPip('pytorch-cuda'), undefined);
  assert.equal(condaToPip('seaborn'), 'seaborn');
});
