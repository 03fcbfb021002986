import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readIfExists, safeWrite, unifiedDiff } from '../../src/node/files';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-gen-files-'));
}

test('safeWrite creates, leaves identical files alone, refuses to overwrite without consent', async () => {
  const dir = tmp();
  const f = path.join(dir, 'Dockerfile');
  assert.equal(await safeWrite(f, 'one\n'), 'created');
  assert.equal(await safeWrite(f, 'one\n'), 'unchanged');
  assert.equal(await safeWrite(f, 'two\n'), 'exists');
  assert.equal(fs.readFileSync(f, 'utf8'), 'one\n', 'the user file is untouched');
  assert.equal(await safeWrite(f, 'two\n', { overwrite: true }), 'overwritten');
  assert.equal(fs.readFileSync(f, 'utf8'), 'two\n');
  assert.deepEqual(fs.readdirSync(dir), ['Dockerfile'], 'no temp file is left behind');
  fs.rmSync(dir, { recursive: true });
});

test('safeWrite keeps the mode of a file it replaces', async () => {
  const dir = tmp();
  const f = path.join(dir, 'run.sh');
  fs.writeFileSync(f, 'a');
  fs.chmodSync(f, 0o755);
  await safeWrite(f, 'b', { overwrite: true });
  assert.equal(fs.statSync(f).mode & 0o777, 0o755);
  fs.rmSync(dir, { recursive: true });
});

test('safeWrite into a missing folder fails with the error and leaves nothing', async () => {
  const dir = tmp();
  await assert.rejects(safeWrite(path.join(dir, 'nope', 'x'), 'a'), /ENOENT/);
  assert.deepEqual(fs.readdirSync(dir), []);
  fs.rmSync(dir, { recursive: true });
});

test('readIfExists: undefined for a missing file', async () => {
  assert.equal(await readIfExists(path.join(os.tmpdir(), 'dsc-gen-definitely-missing')), undefined);
});

test('unifiedDiff: a standard unified diff with a/ and b/ names', () => {
  assert.equal(
    unifiedDiff('Dockerfile', 'FROM a\nUSER x\n', 'FROM b\nUSER x\n'),
    '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,2 +1,2 @@\n-FROM a\n+FROM b\n USER x\n',
  );
});
