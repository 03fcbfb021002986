// `up` from bare source (scaffold → build → run) on the teaching examples, and `check`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import * as fs from 'fs';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES, tagOf } from './helpers';

const { copy } = buildingEngine();

test('linear-classifier-script: up scaffolds, builds and runs to a finished run', async () => {
  const { dir } = copy(path.join(FIXTURES, 'projects', 'linear-classifier-script'));
  const io = captureIo();
  const code = await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-scipy'], io);
  assert.equal(code, 0, io.stderr.join('\n'));
  for (const f of ['Dockerfile', 'requirements.txt', 'compose.yaml', '.dockerignore'])
    assert.ok(fs.existsSync(path.join(dir, f)), f);
  assert.match(io.stdout.join('\n'), /accuracy=/);
  const check = captureIo();
  assert.equal(await main(['check', dir], check), 0, check.stderr.join('\n'));
  assert.match(check.stdout.at(-1)!, /^all 2 imports load in .*: numpy, train\.py$/);
});

test('linear-classifier-notebook: up runs Jupyter, prints the URL, stops on Ctrl-C', async () => {
  const { dir } = copy(path.join(FIXTURES, 'projects', 'linear-classifier-notebook'));
  let url = '';
  const io = captureIo(process.env, (l) => {
    const m = /^Jupyter is ready: (\S+)/.exec(l);
    if (m) {
      url = m[1];
      setTimeout(() => io.abort(), 500);
    }
  });
  const code = await main(['up', dir, '--no-pin', '--base-image', 'local/jupyter:3.11'], io);
  assert.equal(code, 130, io.stderr.join('\n')); // stopped by Ctrl-C: the shell's 128 + SIGINT, not success
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/(lab)?\?token=\w+$/);
  assert.ok(io.stderr.includes('stopped and removed the container'));
});

test('two more projects from bare source through `up`: pandas+numpy, and scipy with its exit code', async () => {
  for (const [name, code, out] of [
    ['script-stats', 0, 'mean 4.5'],
    ['script-exitcode', 3, "args ['x']"],
  ] as const) {
    const { dir } = copy(path.join(FIXTURES, 'build-run', name));
    for (const f of ['Dockerfile', 'requirements.txt', 'compose.yaml', '.dockerignore'])
      fs.rmSync(path.join(dir, f), { force: true });
    const io = captureIo();
    assert.equal(
      await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-scipy', '--', 'x'], io),
      code,
      io.stderr.join('\n'),
    );
    assert.ok(io.stdout.includes(out), io.stdout.join('\n'));
    assert.match(
      fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'),
      name === 'script-stats' ? /numpy[\s\S]*pandas/ : /scipy/,
    );
  }
});

test('check: an import missing from the image is reported at its file and line, exit 1', async () => {
  const { dir } = copy(path.join(FIXTURES, 'build-run', 'check-missing'));
  assert.equal(await main(['build', dir], captureIo()), 0);
  const io = captureIo();
  io.cwd = dir;
  assert.equal(await main(['check', '.'], io), 1);
  assert.deepEqual(
    io.stderr.filter((l) => l.startsWith('main.py')),
    [
      `main.py:3:1: error DSC-IMPORT: "numpy" does not import in the image: ModuleNotFoundError: No module named 'numpy'`,
    ],
  );
  assert.equal(io.stdout.at(-1), `1 of 1 imports fail in ${tagOf(dir)}`);
});
