// An interrupted run is never a success: Ctrl-C → 130, SIGTERM → 143, and the container is gone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { captureIo } from './helpers';

const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const docker = new Docker();
const TAG = `dsc-test-fixrun-sleep-${Math.random().toString(36).slice(2, 7)}:latest`;
const CLI = path.resolve(__dirname, '../../../dist/cli.js');
let dir = '';

const ours = async () => docker.listContainers({ all: true, filters: { label: [`dsContainers.image=${TAG}`] } });

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-test-fixrun-'));
  fs.writeFileSync(
    path.join(dir, 'sleep.py'),
    'import time\nprint("sleeping", flush=True)\ntime.sleep(60)\nprint("woke up")\n',
  );
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM python:3.11-slim\nWORKDIR /app\nCOPY sleep.py .\nCMD ["python", "sleep.py"]\n',
  );
  const io = captureIo();
  assert.equal(await main(['build', dir, '--tag', TAG], io), 0, io.stderr.join('\n'));
});

after(async () => {
  for (const c of await ours().catch(() => [])) await engine.stopRun(c.Id).catch(() => undefined);
  await engine.removeBuiltImage(TAG).catch(() => undefined);
  await engine.pruneDanglingImages(['dsContainers.project']).catch(() => undefined); // earlier builds of a rebuilt tag
  fs.rmSync(dir, { recursive: true, force: true });
});

test('run in-process, stopped by SIGTERM (io.signal aborted): exit 143, container removed', async () => {
  const ac = new AbortController();
  const io = { ...captureIo(), signal: ac.signal };
  const stdout: string[] = [];
  io.out = (l: string) => {
    stdout.push(l);
    if (l === 'sleeping') setTimeout(() => ac.abort('SIGTERM'), 300);
  };
  const started = Date.now();
  const code = await main(['run', dir, '--tag', TAG], io);
  assert.equal(code, 143, io.stderr.join('\n'));
  assert.deepEqual(stdout, ['sleeping']);
  assert.ok(Date.now() - started < 30000, 'stopped well before the script would end');
  assert.deepEqual(await ours(), [], 'the container is gone');
});

test('`ds-containers run DIR` sent SIGINT: exit 130, container removed', async () => {
  const child = spawn(process.execPath, [CLI, 'run', dir, '--tag', TAG], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('sleeping')) setTimeout(() => child.kill('SIGINT'), 300);
  });
  const code = await exited;
  assert.equal(code, 130, `stdout: ${out}\nstderr: ${err}`);
  assert.doesNotMatch(out, /woke up/);
  assert.deepEqual(await ours(), [], 'the container is gone');
});
