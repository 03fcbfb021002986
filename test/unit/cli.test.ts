import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { captureIo } from './cli-io';

test('--version prints the package version', async () => {
  const io = captureIo();
  assert.equal(await main(['--version'], io), 0);
  assert.match(io.stdout[0], /^\d+\.\d+\.\d+$/);
});

test('--help lists every command; an unknown command is one line, exit 2', async () => {
  const io = captureIo();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout.join('\n'), /Usage:/);
  const bad = captureIo();
  assert.equal(await main(['frobnicate'], bad), 2);
  assert.deepEqual(bad.stderr, ['ds-containers: unknown command "frobnicate" (see ds-containers --help)']);
});
