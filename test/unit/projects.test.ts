import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findProjects } from '../../src/core/projects';
import { projectFolders } from '../../src/node/projects';

test('findProjects: two projects side by side are two, not the folder that holds them (issue 12)', () => {
  assert.deepEqual(
    findProjects(['churn-script/train.py', 'churn-script/features.py', 'churn-notebook/explore.ipynb', 'README.md']),
    ['churn-script', 'churn-notebook'].sort(),
  );
});

test('findProjects: a folder with its own requirements is one project; its notebooks/ and src/ belong to it', () => {
  assert.deepEqual(findProjects(['requirements.txt', 'notebooks/eda.ipynb', 'src/main.py', 'tests/test_x.py']), ['']);
  // …unless a subfolder declares its own requirements.
  assert.deepEqual(findProjects(['requirements.txt', 'main.py', 'service/requirements.txt', 'service/app.py']), [
    '',
    'service',
  ]);
});

test('findProjects: src/ and notebooks/ are parts of the folder above, not projects of their own', () => {
  assert.deepEqual(findProjects(['src/train.py', 'notebooks/eda.ipynb']), ['']);
  assert.deepEqual(findProjects(['notebooks/requirements.txt', 'notebooks/eda.ipynb', 'x/main.py']), [
    'notebooks',
    'x',
  ]);
});

test('findProjects: a loose script beside two projects makes the folder itself a project too', () => {
  assert.deepEqual(findProjects(['a/train.py', 'b/x.ipynb', 'explore/churn.py']), ['', 'a', 'b']);
});

test('findProjects: a plain folder of scripts is itself the project; tests and docs never are projects', () => {
  assert.deepEqual(findProjects(['utils.py', 'lib/helpers.py']), ['']);
  assert.deepEqual(findProjects(['tests/main.py', 'docs/demo.ipynb', 'analysis.py']), ['']);
  assert.deepEqual(findProjects([]), ['']);
  // Deeper than two levels is not looked at; a nested marked folder inside a found one is part of it.
  assert.deepEqual(findProjects(['a/b/c/main.py', 'x/main.py', 'x/y/run.py']), ['x']);
});

test('projectFolders: lists the disk, skipping virtual environments and caches', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-editor12-projects-'));
  try {
    for (const f of [
      'script/train.py',
      'nb/explore.ipynb',
      '.venv/lib/main.py',
      'env/pyvenv.cfg',
      'env/main.py',
      'node_modules/x/main.py',
    ]) {
      fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), '');
    }
    assert.deepEqual(await projectFolders(root), [path.join(root, 'nb'), path.join(root, 'script')]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('CLI scaffold/up on a folder holding two projects names them and writes nothing (issue 12)', async () => {
  const { main } = await import('../../src/cli/main');
  const { recordingIo } = await import('./analysis-samples');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-editor12-two-'));
  try {
    fs.mkdirSync(path.join(root, 'churn-script'));
    fs.mkdirSync(path.join(root, 'churn-notebook'));
    fs.writeFileSync(path.join(root, 'churn-script', 'train.py'), 'import numpy\n');
    fs.writeFileSync(
      path.join(root, 'churn-notebook', 'explore.ipynb'),
      '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}',
    );
    for (const cmd of ['scaffold', 'up']) {
      const io = recordingIo(root);
      assert.notEqual(await main([cmd, '.', ...(cmd === 'up' ? ['--no-pin'] : [])], io), 0);
      assert.match(io.stderr.join('\n'), /\. holds 2 projects \(churn-notebook, churn-script\): name one/);
    }
    assert.deepEqual(fs.readdirSync(root).sort(), ['churn-notebook', 'churn-script']);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
