// Issue 26, defect 1 (the pure part): who a mounted run runs as, the line that says where its outputs
// went, and the line that says why it exited non-zero (defect 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runAs } from '../../src/core/docker/runUser';
import { exitReason, lastErrorLine } from '../../src/core/docker/exitReason';
import { containerCreateBody } from '../../src/core/docker/create';
import { outputsLine, writtenSince } from '../../src/node/written';
import { quoteArg } from '../../src/cli/commands/run';

test('a mounted run is the caller: UID:GID, HOME=/tmp unless the image user is that UID, root stays root', () => {
  assert.deepEqual(runAs({ uid: 1234, gid: 1234 }, '1000', true), {
    user: '1234:1234',
    env: ['HOME=/tmp'],
    root: false,
  });
  assert.deepEqual(runAs({ uid: 1000, gid: 1000 }, '1000', true), { user: '1000:1000', env: [], root: false });
  assert.deepEqual(runAs({ uid: 1234, gid: 100 }, 'jovyan', true), {
    user: '1234:100',
    env: ['HOME=/tmp'],
    root: false,
  });
  assert.deepEqual(runAs({ uid: 0, gid: 0 }, '1000', true), { user: '0:0', env: [], root: true });
  // Nothing mounted, or no ids (Windows): the image's own USER.
  assert.deepEqual(runAs({ uid: 1234, gid: 1234 }, '1000', false), { env: [], root: false });
  assert.deepEqual(runAs(undefined, '1000', true), { env: [], root: false });
});

test('the create body carries User only when one is chosen', () => {
  const base = { image: 'x', ports: [], autoRemove: true, labels: {} };
  assert.equal(containerCreateBody({ ...base, user: '1234:1234' }, 'same').User, '1234:1234');
  assert.equal('User' in containerCreateBody(base, 'same'), false);
});

test('written files: those modified since the run started, caches skipped; the line names them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-written-'));
  try {
    fs.writeFileSync(path.join(dir, 'train.py'), 'x');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'train.py'), old, old);
    const since = Date.now() - 1000;
    fs.mkdirSync(path.join(dir, 'results'));
    fs.writeFileSync(path.join(dir, 'results', 'metrics.json'), '{}');
    fs.mkdirSync(path.join(dir, '__pycache__'));
    fs.writeFileSync(path.join(dir, '__pycache__', 'train.cpython-311.pyc'), '');
    const w = await writtenSince(dir, since);
    assert.deepEqual(w, { files: ['results/metrics.json'], truncated: false });
    assert.equal(outputsLine('proj', w), 'outputs: results/metrics.json written in proj');
    assert.match(outputsLine('proj', { files: [], truncated: false }), /^outputs: nothing written in proj/);
    const many = { files: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], truncated: false };
    assert.equal(outputsLine('p', many), 'outputs: a, b, c, d, e and 2 more written in p');
    assert.equal((await writtenSince(dir, since, 2)).truncated, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a non-zero exit says why: the last error line, the argv an entry demands, a kill', () => {
  const tb = ['Traceback (most recent call last):', '  File "main.py", line 3', "KeyError: 'target'"];
  assert.equal(lastErrorLine(tb), "KeyError: 'target'");
  assert.equal(exitReason('script', 1, tb, '.'), "the script exited with code 1: KeyError: 'target'");
  const argparse = [
    'usage: train.py [-h] --data DATA --out OUT',
    'train.py: error: the following arguments are required: --data, --out',
  ];
  assert.equal(
    exitReason('script', 2, argparse, "'My Project'"),
    'the script exited with code 2: its entry needs command-line arguments (--data, --out); pass them after --: ' +
      "ds-containers run 'My Project' -- ARGS (or choose another entry: --entry FILE)",
  );
  assert.match(exitReason('app', 137, [], '.'), /^the server exited with code 137: killed/);
  assert.equal(exitReason('script', 3, [], '.'), 'the script exited with code 3 (it printed nothing on stderr)');
});

test('paths in hints are quoted when a shell would split them', () => {
  assert.equal(quoteArg('proj/sub-1'), 'proj/sub-1');
  assert.equal(quoteArg('My Numpy Ex'), "'My Numpy Ex'");
  assert.equal(quoteArg("it's"), "'it'\\''s'");
});
