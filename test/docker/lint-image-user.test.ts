// DSC004 with a real engine's image data (issue 11): a Dockerfile without USER on a base image whose
// default user is not root (as jupyter/* images run as jovyan) is not "running as root"; on python:3.11-slim
// (root) it is.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { captureIo } from './helpers';

const TAG = 'dsc-test-lint-user/nonroot:1';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lint-user-'));

after(() => {
  spawnSync('docker', ['rmi', '-f', TAG]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('lint asks the base image who it runs as: no DSC004 on a non-root image, DSC004 on a root one', async () => {
  const build = spawnSync('docker', ['build', '-q', '-t', TAG, '-'], {
    input: 'FROM python:3.11-slim\nRUN useradd --uid 1000 analyst\nUSER analyst\n',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  assert.equal(build.status, 0, String(build.stderr));
  const lint = async (from: string) => {
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, `FROM ${from}\nCMD ["python", "-c", "print(1)"]\n`);
    const io = captureIo();
    await main(['lint', file], io);
    return [...io.stdout, ...io.stderr].filter((l) => l.includes('DSC004'));
  };
  assert.deepEqual(await lint(TAG), []);
  assert.equal((await lint('python:3.11-slim')).length, 1);
});
