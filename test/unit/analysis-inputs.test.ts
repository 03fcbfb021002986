// The editor's cached analysis is dropped when a file the analysis reads changes (platform/analyses.ts watches
// ANALYSIS_INPUTS). This holds the list to the file names the analysis code itself reads: a name added there
// and not here would leave the Project view, Containerize's preview and drift on a stale analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import ignore from 'ignore';
import { ANALYSIS_INPUTS } from '../../src/core/projectFiles';
import { LOCK_FILES } from '../../src/core/locks';

const SRC = path.resolve(__dirname, '../../../src');
// The node/ modules the analysis reads files through (analyze.ts and what it calls for declarations, launches,
// documents, locks and the project's own Dockerfile).
const READERS = [
  'node/analyze.ts',
  'node/declarations.ts',
  'node/launchFiles.ts',
  'node/projectDocs.ts',
  'node/projectLock.ts',
  'node/pythonAsks.ts',
  'node/namedRequirements.ts',
  'node/nestedProjects.ts',
];
// A quoted literal that names a project file.
const FILE_NAME =
  /^(?:[\w.-]+\/)?(?:[\w.-]+\.(?:txt|toml|cfg|py|ya?ml|lock|json|md|rst)|Makefile|GNUmakefile|makefile|Procfile|Pipfile|Snakefile|MLproject|MLProject|README|Dockerfile|\.python-version)$/;

// VS Code's `**/{…}` over the list, in gitignore terms (the `ignore` package): each pattern at any depth.
const watched = ignore().add(ANALYSIS_INPUTS.map((p) => `**/${p}`));

test('every file name the analysis code reads is in the watched list', () => {
  const names = new Set<string>();
  for (const f of READERS) {
    const text = fs.readFileSync(path.join(SRC, f), 'utf8');
    for (const m of text.matchAll(/'([^'\n]+)'/g)) if (FILE_NAME.test(m[1]) && !m[1].startsWith('.')) names.add(m[1]);
  }
  assert.ok(names.size > 15, `found only ${[...names].join(', ')}: has the analysis moved?`);
  const missed = [...names, ...LOCK_FILES].filter((n) => !watched.ignores(n));
  assert.deepEqual(missed, []);
});

test('includes, other Dockerfile names and nested sources are watched; data files are not', () => {
  for (const f of [
    'requirements/base.txt',
    'src/requirements/dev.txt',
    'app.Dockerfile',
    'Dockerfile.gpu',
    'uv.lock',
    'conda-lock.yml',
    'README.md',
    'pkg/sub/train.py',
    'notebooks/explore.ipynb',
    '.python-version',
    'docker-compose.yml',
  ])
    assert.ok(watched.ignores(f), f);
  for (const f of ['data/big.csv', 'models/model.pt', 'results/metrics.json', 'out.parquet'])
    assert.ok(!watched.ignores(f), f);
});
