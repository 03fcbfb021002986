// The generated .devcontainer/devcontainer.json, brought up by the Dev Containers reference CLI
// (@devcontainers/cli) on the real engine, offline. The CLI runs as the non-root host user dsc-dev
// (UID 1234, made by test/docker/setup-engine.sh) so that updateRemoteUserUID has a UID to align:
// files the container writes must be that user's on the host.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { specFromAnalysis } from '../../src/core/generate';
import { findJupyterUrl } from '../../src/core/docker/jupyter';
import { modulesToCheck } from '../../src/core/docker/importCheck';
import { analyzeProject } from '../../src/node/analyze';
import { scaffoldProject } from '../../src/node/scaffold';
import { FIXTURES } from './helpers';

const CLI = path.resolve(__dirname, '../../../node_modules/@devcontainers/cli/devcontainer.js');
const HOST_USER = 'dsc-dev';
const label = `dsc.test=dev13-${process.pid}`;
const dirs: string[] = [];

function run(
  cmd: string,
  args: string[],
  timeout = 300_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      cmd,
      args,
      { timeout, maxBuffer: 32 << 20, env: { ...process.env, DOCKER_BUILDKIT: '0' } },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

async function hostUser(): Promise<{ uid: number; gid: number }> {
  const r = await run('id', ['-u', HOST_USER]);
  assert.equal(r.code, 0, `no host user ${HOST_USER}: run test/docker/setup-engine.sh`);
  const g = await run('id', ['-g', HOST_USER]);
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** The devcontainer CLI as the host user (argv array, its HOME a folder of its own). */
async function devcontainer(home: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('setpriv', [
    '--reuid',
    HOST_USER,
    '--regid',
    HOST_USER,
    '--init-groups',
    'env',
    `HOME=${home}`,
    process.execPath,
    CLI,
    ...args,
  ]);
}

/** A fixture copied to a temp folder, scaffolded with its devcontainer.json, owned by the host user. */
async function project(fixture: string, baseImage: string): Promise<{ dir: string; home: string; modules: string[] }> {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-test-dev13-'));
  dirs.push(top);
  const dir = path.join(top, `dsc-dev13-${fixture}`);
  fs.cpSync(path.join(FIXTURES, 'devcontainer', fixture), dir, { recursive: true });
  const analysis = await analyzeProject(dir, { noPin: true });
  const spec = specFromAnalysis(analysis, { baseImage });
  // Nothing can be downloaded here: the stand-in images already have every requirement, unpinned.
  spec.requirements = spec.requirements.map((r) => ({ name: r.name }));
  const r = await scaffoldProject(dir, spec, analysis, {
    consent: () => false,
    devcontainer: { name: path.basename(dir) },
  });
  assert.equal(r.files.find((f) => f.name === '.devcontainer/devcontainer.json')?.outcome, 'written');
  const home = path.join(top, 'home');
  fs.mkdirSync(home);
  const { uid, gid } = await hostUser();
  await run('chown', ['-R', `${uid}:${gid}`, top]);
  return { dir, home, modules: modulesToCheck(analysis.requirements.flatMap((q) => q.sites)) };
}

/**
 * The CLI finds an existing container by ALL its id labels: the run's label alone would make the second
 * project reuse the first one's container, so each project adds its own.
 */
function idLabels(p: { dir: string }): string[] {
  return ['--id-label', label, '--id-label', `dsc.test.project=${path.basename(path.dirname(p.dir))}`];
}

async function up(p: { dir: string; home: string }): Promise<{ containerId: string; remoteUser: string }> {
  const r = await devcontainer(p.home, ['up', '--workspace-folder', p.dir, ...idLabels(p)]);
  const result = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}');
  assert.equal(
    result.outcome,
    'success',
    `devcontainer up failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`,
  );
  return result;
}

async function exec(p: { dir: string; home: string }, argv: string[]): Promise<string> {
  const r = await devcontainer(p.home, ['exec', '--workspace-folder', p.dir, ...idLabels(p), ...argv]);
  assert.equal(r.code, 0, `devcontainer exec ${argv.join(' ')}: ${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

after(async () => {
  const ids = (await run('docker', ['ps', '-aq', '--filter', `label=${label}`])).stdout.split('\n').filter(Boolean);
  const images = new Set<string>();
  for (const id of ids) {
    images.add((await run('docker', ['inspect', '-f', '{{.Config.Image}}', id])).stdout.trim());
    await run('docker', ['rm', '-f', id]);
  }
  // The CLI tags vsc-FOLDER-HASH and vsc-FOLDER-HASH-uid; both are ours (the folders are named dsc-dev13-…).
  for (const image of images)
    for (const tag of [image, image.replace(/-uid$/, '')])
      if (/^vsc-dsc-dev13-/.test(tag)) await run('docker', ['rmi', '-f', tag]);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

test(
  'script project: devcontainer up, the script runs and every runtime import imports, as the host user',
  { timeout: 600_000 },
  async () => {
    const p = await project('script', 'local/python:3.11-scipy');
    const { uid } = await hostUser();
    const result = await up(p);
    assert.notEqual(result.remoteUser, 'root');
    assert.equal(await exec(p, ['python', 'train.py']), 'slope 2.0');
    assert.deepEqual(p.modules, ['matplotlib', 'numpy', 'pandas', 'sklearn.linear_model']);
    const code = `import importlib, sys\nfor m in sys.argv[1:]: importlib.import_module(m)\nprint("imported", len(sys.argv) - 1)`;
    assert.equal(await exec(p, ['python', '-c', code, ...p.modules]), `imported ${p.modules.length}`);
    assert.equal(
      await exec(p, ['id', '-u']),
      String(uid),
      'the remote user has the host user UID (updateRemoteUserUID)',
    );
    assert.equal(await exec(p, ['pwd']), '/app');
    await exec(p, ['sh', '-c', 'echo result > /app/written-in-container.txt']);
    assert.equal(
      fs.statSync(path.join(p.dir, 'written-in-container.txt')).uid,
      uid,
      "a file written in the container is the host user's",
    );
  },
);

/** A TCP forwarder from 127.0.0.1 to the container, as VS Code forwards a port listed in forwardPorts. */
async function forward(containerId: string, port: number): Promise<{ port: number; close: () => void }> {
  const ip = (
    await run('docker', ['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', containerId])
  ).stdout.trim();
  const server = net.createServer((c) => {
    const u = net.connect(port, ip);
    c.on('error', () => u.destroy());
    u.on('error', () => c.destroy());
    c.pipe(u).pipe(c);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

function request(url: string, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let data = '';
      res.on('data', (d) => (data += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test(
  'Jupyter project: the server starts with the dev container and answers on the forwarded port with its token',
  { timeout: 600_000 },
  async () => {
    const p = await project('jupyter', 'local/jupyter:3.11');
    const config = JSON.parse(
      fs.readFileSync(path.join(p.dir, '.devcontainer/devcontainer.json'), 'utf8').replace(/^\s*\/\/.*$/gm, ''),
    );
    assert.deepEqual(config.forwardPorts, [8888]);
    const { uid } = await hostUser();
    const { containerId, remoteUser } = await up(p);
    assert.notEqual(remoteUser, 'root');
    let url;
    let log = '';
    for (let i = 0; i < 120 && !url; i++) {
      const logs = await run('docker', ['logs', containerId]);
      log = logs.stdout + logs.stderr;
      url = findJupyterUrl(log, (port) => port);
      if (!url) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(url, `Jupyter printed its URL with a token:\n${log}`);
    const fwd = await forward(containerId, config.forwardPorts[0]);
    try {
      const base = `http://127.0.0.1:${fwd.port}`;
      assert.equal((await request(`${base}/api/kernelspecs?token=${url.token}`)).status, 200);
      assert.equal((await request(`${base}/api/kernelspecs`)).status, 403, 'no token, no answer');
      // The server itself runs as the host user: a file it saves in the project is yours.
      const put = await request(
        `${base}/api/contents/saved-by-jupyter.txt?token=${url.token}`,
        'PUT',
        JSON.stringify({ type: 'file', format: 'text', content: 'hi' }),
      );
      assert.ok(put.status === 200 || put.status === 201, `PUT ${put.status} ${put.body}`);
      assert.equal(fs.statSync(path.join(p.dir, 'saved-by-jupyter.txt')).uid, uid);
    } finally {
      fwd.close();
    }
    assert.equal(await exec(p, ['python', '-c', 'import numpy; print("ok")']), 'ok');
  },
);
