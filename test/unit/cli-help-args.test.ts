import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { captureIo } from './cli-io';

test('--help before a bare -- shows the command usage; after it, it belongs to the script', async () => {
  const before = captureIo();
  assert.equal(await main(['run', '.', '--help', '--', 'x'], before), 0);
  assert.match(before.stdout.join('\n'), /^Usage: ds-containers run DIR/);
  const shortBefore = captureIo();
  assert.equal(await main(['run', '-h'], shortBefore), 0);
  assert.match(shortBefore.stdout.join('\n'), /^Usage: ds-containers run/);

  // After --, --help and -h are the script's: the command runs (here it fails at once, as no engine
  // listens on port 1) instead of printing our usage.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-help-'));
  for (const flag of ['--help', '-h']) {
    const io = captureIo();
    io.env = { DOCKER_HOST: 'tcp://127.0.0.1:1' };
    const code = await main(['run', dir, '--', flag], io);
    assert.ok(
      !io.stdout.some((l) => l.startsWith('Usage:')),
      `${flag} after -- printed our usage: ${io.stdout.join('\n')}`,
    );
    assert.notEqual(code, 0);
    assert.match(io.stderr.join('\n'), /^ds-containers run: /);
  }
});
