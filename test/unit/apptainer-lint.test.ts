// Apptainer-readiness: DSC022 (USER is ignored, the SIF runs as its caller) and DSC023 (`apptainer exec` skips
// ENTRYPOINT) speak only when asked (`sif`), so the everyday lint of a Dockerfile with USER stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dscFindings } from '../../src/core/dockerfile/rules';
import { apptainerFindings } from '../../src/core/provenance/apptainerLint';
import { ownFolderWrites } from '../../src/core/provenance/ownFolderWrites';

const DF = [
  'FROM python:3.11-slim AS build',
  'ENTRYPOINT ["/bin/true"]',
  'FROM python:3.11-slim',
  'RUN useradd --create-home --uid 1000 app',
  'USER app',
  'ENTRYPOINT ["/app/start.sh"]',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

test('DSC022 and DSC023 name the final stage USER and ENTRYPOINT lines', () => {
  const got = apptainerFindings(DF).map((f) => [f.code, f.line]);
  assert.deepEqual(got, [
    ['DSC022', 4],
    ['DSC023', 5],
  ]);
});

test('the everyday lint does not run the Apptainer rules', () => {
  const codes = dscFindings(DF).map((f) => f.code);
  assert.ok(!codes.includes('DSC022') && !codes.includes('DSC023'), codes.join(','));
});

test('a root USER, no USER and no ENTRYPOINT are quiet', () => {
  assert.deepEqual(apptainerFindings('FROM python:3.11-slim\nUSER root\nCMD ["python", "a.py"]\n'), []);
  assert.deepEqual(apptainerFindings('FROM python:3.11-slim\nCMD ["python", "a.py"]\n'), []);
});

test('writes to relative literal paths are found; absolute paths, reads and comments are not', () => {
  const src = [
    'import pandas as pd, torch',
    'df.to_csv("results.csv")',
    "with open('out/log.txt', 'a') as f: pass",
    "with open('data.csv') as f: pass",
    "open('/tmp/x', 'w')",
    "torch.save(model, 'model.pt')",
    "# open('c.txt', 'w')",
    'plt.savefig(f"{name}.png")',
  ].join('\n');
  assert.deepEqual(
    ownFolderWrites(src).map((w) => [w.line, w.path]),
    [
      [1, 'results.csv'],
      [2, 'out/log.txt'],
      [5, 'model.pt'],
    ],
  );
});
