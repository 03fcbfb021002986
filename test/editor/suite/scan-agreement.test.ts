// The CLI's scan (node/walk.ts) and the editor's drift index (vscode/lint/project.ts) must read the
// same files of a project: one tree, walked by both, compared. Folders that are not project code
// (VCS, caches, environments, what .gitignore ignores) are skipped by both, and nothing else is.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { DriftProject } from '../../../src/vscode/lint/project';
import { walkProject } from '../../../src/node/walk';

const TREE: Record<string, string> = {
  'requirements.txt': 'numpy\n',
  'train.py': 'import numpy\n',
  'pkg/model.py': 'import pandas\n',
  'analysis.ipynb': JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }),
  'build/features.py': 'import scipy\n', // a source folder named build is project code
  'dist/publish.py': 'import requests\n',
  '.hg/hooks.py': 'import os\n', // version control
  'myenv/pyvenv.cfg': 'home = /usr/bin\n', // a virtual environment under any name
  'myenv/lib/site.py': 'import os\n',
  '.mypy_cache/cached.py': 'import os\n',
  '.gitignore': 'scratch/\n',
  'scratch/tmp.py': 'import os\n', // ignored by .gitignore
};

describe('the CLI and the editor scan the same files', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-scan-agreement-'));
    for (const [rel, text] of Object.entries(TREE)) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    }
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('one fixture tree, walked by node/walk.ts and by the drift index, gives one list', async () => {
    const cli = await walkProject(root);
    const fromCli = [...cli.python, ...cli.notebooks].sort();
    const project = new DriftProject(vscode.Uri.file(root), async () => ({}));
    const fromEditor = (await project.listed()).map((u) => project.rel(u)).sort();
    assert.deepStrictEqual(fromEditor, fromCli);
    assert.deepStrictEqual(fromCli, [
      'analysis.ipynb',
      'build/features.py',
      'dist/publish.py',
      'pkg/model.py',
      'train.py',
    ]);
  });
});
