// The Project view built from an analysis (test/fixtures/explorer/analysis.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { projectTree } from '../../src/core/projectTree';
import { ProjectAnalysis } from '../../src/core/project';

const analysis: ProjectAnalysis = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../test/fixtures/explorer/analysis.json'), 'utf8'),
);

test('project view: summary, runtime first, other classes, unresolved, container files, warnings', () => {
  const tree = projectTree(analysis);
  assert.deepEqual(
    tree.map((n) => n.label),
    [
      'jupyter · Python 3.11',
      'Runtime packages',
      'Optional packages',
      'Development packages',
      'Unresolved imports',
      'Container files',
      'Scan warnings',
    ],
  );
  const runtime = tree[1];
  assert.deepEqual(
    runtime.children!.map((n) => `${n.label} ${n.description}`),
    [
      'mystery-pkg version unknown · unverified · declared in %pip install',
      'pandas 2.1.4',
      'scikit-learn version unknown',
    ],
  );
  const pandas = runtime.children![1];
  assert.deepEqual(
    pandas.children!.map((n) => n.label),
    ['analysis.ipynb cell 1:1', 'src/load.py:3'],
  );
  assert.deepEqual(pandas.children![0].open, { file: 'analysis.ipynb', line: 1, cell: 0 });
  assert.equal(runtime.children![0].icon, 'warning');
  assert.deepEqual(
    tree[4].children!.map((n) => [n.label, n.description]),
    [['internal_tools.db', 'src/load.py:4']],
  );
  const files = tree[5];
  assert.equal(files.description, '2/4');
  assert.deepEqual(
    files.children!.map((n) => `${n.label}:${n.description}`),
    ['requirements.txt:present', 'Dockerfile:missing', 'compose.yaml:missing', '.dockerignore:present'],
  );
  assert.equal(files.children![1].open, undefined);
  const ids = (ns: typeof tree): string[] => ns.flatMap((n) => [n.id, ...ids(n.children ?? [])]);
  assert.equal(new Set(ids(tree)).size, ids(tree).length, 'ids are unique');
});

test('a docker-compose.yml counts as the compose file, and a click opens it', () => {
  const files = projectTree({ ...analysis, existing: ['docker-compose.yml', 'Dockerfile'] }).find(
    (n) => n.label === 'Container files',
  )!;
  assert.equal(files.description, '2/4');
  assert.deepEqual(files.children![2].open, { file: 'docker-compose.yml', line: 1 });
  assert.equal(files.children![2].label, 'docker-compose.yml');
});

test('project view of an empty project still shows the runtime group and the container files', () => {
  const tree = projectTree({ ...analysis, requirements: [], unresolved: [], warnings: [], existing: [] });
  assert.deepEqual(
    tree.map((n) => n.label),
    ['jupyter · Python 3.11', 'Runtime packages', 'Container files'],
  );
  assert.equal(tree[1].children!.length, 0);
});
