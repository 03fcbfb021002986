// `check` imports what the entry really takes (issue 26, defect 2): the names of `from M import N`
// (scikit-learn's removed load_boston and externals.joblib) and the entry module itself without its
// main block, each failure once at FILE:LINE. Before, both projects passed: only modules were imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES } from './helpers';

const { copy } = buildingEngine();

async function built(name: string): Promise<string> {
  const { dir } = copy(path.join(FIXTURES, 'projects', name));
  const s = captureIo();
  assert.equal(await main(['scaffold', dir, '--no-pin', '--base-image', 'local/python:3.11-scipy'], s), 0);
  const b = captureIo();
  assert.equal(await main(['build', dir], b), 0, b.stderr.join('\n'));
  return dir;
}

test('check: a name gone from the installed release fails at its line, each once', { timeout: 300_000 }, async () => {
  const dir = await built('check-names');
  const io = captureIo();
  assert.equal(await main(['check', dir], io), 1, io.stdout.join('\n'));
  const rel = path.relative(io.cwd, path.join(dir, 'main.py'));
  const errors = io.stderr.filter((l) => l.includes(': error DSC-IMPORT: '));
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.match(
    errors[0],
    new RegExp(
      `^${rel}:2:1: error DSC-IMPORT: "from sklearn.datasets import load_boston" fails in the image: ImportError: `,
    ),
  );
  assert.match(
    errors[1],
    new RegExp(
      `^${rel}:3:1: error DSC-IMPORT: "from sklearn.externals import joblib" fails in the image: ImportError: cannot import name 'joblib' from 'sklearn.externals'`,
    ),
  );
  assert.match(io.stdout.at(-1)!, /^2 of \d+ imports fail in /);
});

test(
  "check: the entry's own top-level code is imported (not its main) and fails at its line",
  { timeout: 300_000 },
  async () => {
    const dir = await built('check-entry');
    const io = captureIo();
    assert.equal(await main(['check', dir], io), 1, io.stdout.join('\n'));
    const rel = path.relative(io.cwd, path.join(dir, 'main.py'));
    const errors = io.stderr.filter((l) => l.includes(': error DSC-IMPORT: '));
    assert.equal(errors.length, 1, io.stderr.join('\n'));
    assert.ok(
      errors[0].startsWith(
        `${rel}:4:1: error DSC-IMPORT: importing the entry main.py (without running its main) fails: ` +
          "AttributeError: module 'numpy' has no attribute 'float'",
      ),
      errors[0],
    );
    assert.equal(
      io.stdout.some((l) => l.includes('[0. 0. 0.]')),
      false,
      'its main did not run',
    );
  },
);
