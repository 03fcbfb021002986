// Build and run on the real engine, through the CLI as a user would (stand-in images, offline).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { extract } from 'tar-stream';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { buildProject } from '../../src/node/docker/build';
import { packContext } from '../../src/node/docker/context';
import { runProject } from '../../src/node/docker/run';
import { detectCompose, runCompose } from '../../src/node/compose';
import { composeDownArgv, composeUpArgv } from '../../src/core/docker/compose';
import Docker from 'dockerode';
import { captureIo, cleanupDirs, copyProject, FIXTURES, SocketProxy, tagOf } from './helpers';

const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const P = (name: string) => path.join(FIXTURES, 'build-run', name);
const tags: string[] = [];
const containers: string[] = [];
const project = (name: string) => {
  const d = copyProject(P(name));
  tags.push(tagOf(d));
  return d;
};

after(async () => {
  for (const c of containers) await engine.stopRun(c).catch(() => undefined);
  for (const t of tags) await engine.removeBuiltImage(t).catch(() => undefined);
  await engine.pruneDanglingImages(['dsContainers.project']).catch(() => undefined); // earlier builds of a rebuilt tag
  cleanupDirs();
});

test("script projects go from source to a finished run through the CLI; the exit code is the container's", async () => {
  const stats = project('script-stats');
  const b = captureIo();
  assert.equal(await main(['build', stats], b), 0, b.stderr.join('\n'));
  assert.match(b.stdout.join('\n'), /RUN pip install --no-cache-dir -r requirements.txt/);
  assert.match(
    b.stdout.at(-1)!,
    new RegExp(`^built ${tagOf(stats)} \\(\\w{12}\\) in [\\d.]+ s: \\d+ steps, \\d+ cached$`),
  );
  const r = captureIo();
  assert.equal(await main(['run', stats], r), 0, r.stderr.join('\n'));
  assert.deepEqual(r.stdout, ['mean 4.5']);

  const code = project('script-exitcode');
  assert.equal(await main(['build', code, '--tag', `${path.basename(code)}:v1`], captureIo()), 0);
  tags.push(`${path.basename(code)}:v1`);
  const r2 = captureIo();
  assert.equal(await main(['run', code, '--tag', `${path.basename(code)}:v1`, '--', 'a b', '--flag'], r2), 3);
  assert.deepEqual(r2.stdout, ["args ['a b', '--flag']"]);
  // Then where outputs went (the project is mounted) and why it failed: its code and last stderr line.
  assert.deepEqual(r2.stderr, [
    'oops',
    `outputs: nothing written in ${path.relative(r2.cwd, code)} (the project folder is mounted; files written elsewhere are lost)`,
    'the script exited with code 3: oops',
  ]);
  const left = await new Docker().listContainers({ all: true, filters: { label: [`dsContainers.project=${code}`] } });
  assert.equal(left.length, 0, 'the one-shot container removed itself');
});

test("a code-only edit rebuilds with the dependency layers from the cache (BuildKit's own report)", async () => {
  const dir = project('script-exitcode');
  const first = await buildProject(engine, { dir, tag: tagOf(dir) });
  assert.ok(first.ok, first.error);
  assert.equal(first.buildkit, true);
  fs.appendFileSync(path.join(dir, 'main.py'), `# an edit ${crypto.randomUUID()}\n`);
  const second = await buildProject(engine, { dir, tag: tagOf(dir) });
  assert.ok(second.ok, second.error);
  const step = (s: string) => second.steps.find((x) => x.name.includes(s));
  assert.equal(step('RUN pip install')?.cached, true, 'pip install layer reused');
  assert.equal(step('COPY requirements.txt')?.cached, true);
  assert.equal(step('COPY . .')?.cached, false, 'the code layer is rebuilt');
  assert.deepEqual(second.cachedLines.sort(), [1, 2, 3]);
});

test('a broken RUN line fails with its Dockerfile line and its cause: `Dockerfile:4: error: ModuleNotFoundError…`, exit 1', async () => {
  const dir = project('broken-run');
  const io = captureIo();
  io.cwd = dir;
  assert.equal(await main(['build', '.'], io), 1);
  const last = io.stderr.at(-1)!;
  // The cause in the step's own words, not BuildKit's "executor failed running …" wrapper (issue 12).
  assert.match(last, /^Dockerfile:4: error: ModuleNotFoundError: No module named 'numpy'$/);
  assert.ok(
    io.stderr.some((l) => /ModuleNotFoundError: No module named 'numpy'/.test(l)),
    'the failing output is shown',
  );
  assert.equal(await engine.imageSummary(tagOf(dir)), undefined);
});

test('the classic builder (DOCKER_BUILDKIT=0): steps, cache and the failing line too', async () => {
  const dir = project('broken-run');
  const io = captureIo({ ...process.env, DOCKER_BUILDKIT: '0' });
  io.cwd = dir;
  assert.equal(await main(['build', '.'], io), 1);
  assert.match(io.stderr.at(-1)!, /^Dockerfile:4: error: ModuleNotFoundError: No module named 'numpy'$/);
  assert.ok(
    io.stdout.some((l) => /^\[4\/\d+\] RUN python -c "import numpy"$/.test(l)),
    io.stdout.join('\n'),
  );
  const ok = project('script-exitcode');
  const first = await buildProject(engine, { dir: ok, tag: tagOf(ok), env: { DOCKER_BUILDKIT: '0' } });
  assert.ok(first.ok && !first.buildkit, first.error);
  fs.appendFileSync(path.join(ok, 'main.py'), `# ${crypto.randomUUID()}\n`);
  const again = await buildProject(engine, { dir: ok, tag: tagOf(ok), env: { DOCKER_BUILDKIT: '0' } });
  assert.ok(again.ok);
  assert.equal(again.steps.find((x) => x.name.includes('RUN pip install'))?.cached, true);
  assert.equal(again.steps.find((x) => x.name.includes('COPY . .'))?.cached, false);
});

test('Jupyter: URL with token found, 200 from 127.0.0.1 with it, 403 without; gone after stop', async () => {
  const dir = project('jupyter-basic');
  assert.equal(await main(['build', dir], captureIo()), 0);
  const ac = new AbortController();
  let id = '';
  const found = new Promise<string>((resolve) => {
    void runProject(engine, {
      dir,
      tag: tagOf(dir),
      signal: ac.signal,
      onOutput: () => undefined,
      onStarted: (i) => {
        id = i;
        containers.push(i);
      },
      onJupyter: (u) => resolve(u.hostUrl),
    }).then((r) => done.push(r.exitCode));
  });
  const done: number[] = [];
  const url = await found;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=\w+$/);
  const u = new URL(url);
  const withToken = await fetch(`${u.origin}/api/status?token=${u.searchParams.get('token')}`);
  assert.equal(withToken.status, 200);
  assert.equal((await fetch(`${u.origin}/api/status`)).status, 403);
  const inspect = await new Docker().getContainer(id).inspect();
  assert.equal(inspect.HostConfig.PortBindings['8888/tcp'][0].HostIp, '127.0.0.1');
  assert.equal(inspect.HostConfig.Init, true);
  assert.equal(inspect.Config.Labels['dsContainers.project'], dir);
  ac.abort();
  for (let i = 0; i < 100 && (await engine.runExists(id)); i++) await new Promise((r) => setTimeout(r, 200));
  assert.equal(await engine.runExists(id), false, 'container gone after stop');
});

test('compose v1: up (build, detached) and down', async () => {
  const flavor = await detectCompose();
  assert.ok(flavor, 'a compose is installed');
  const dir = project('script-stats');
  const name = path.basename(dir).replace(/[^a-z0-9]/g, '');
  const target = { file: path.join(dir, 'compose.yaml'), project: name };
  const env = { ...process.env, DSC_COMPOSE_IMAGE: tagOf(dir) };
  const lines: string[] = [];
  assert.equal(
    await runCompose(composeUpArgv(flavor, target), { cwd: dir, env, onLine: (l) => lines.push(l) }),
    0,
    lines.join('\n'),
  );
  const docker = new Docker();
  const running = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
  assert.equal(running.length, 1);
  assert.equal(
    await runCompose(composeDownArgv(flavor, target), { cwd: dir, env, onLine: (l) => lines.push(l) }),
    0,
    lines.join('\n'),
  );
  assert.equal(
    (await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } })).length,
    0,
  );
});

test('the build context tar has no .env, key files or .git', async () => {
  const dir = project('script-stats');
  fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=secret');
  fs.writeFileSync(path.join(dir, 'id_rsa'), 'KEY');
  fs.writeFileSync(path.join(dir, 'server.pem'), 'PEM');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref');
  fs.rmSync(path.join(dir, '.dockerignore')); // even without a .dockerignore
  const names: string[] = [];
  const ex = extract();
  ex.on('entry', (h, s, next) => {
    names.push(h.name);
    s.resume();
    s.on('end', next);
  });
  const done = new Promise((r) => ex.on('finish', r));
  packContext(dir).stream.pipe(ex);
  await done;
  assert.deepEqual(names.sort(), ['Dockerfile', 'compose.yaml', 'main.py', 'requirements.txt']);
});

test('the engine lost during a build gives the clear error', async () => {
  const proxy = new SocketProxy();
  const port = await proxy.listen();
  const dir = project('script-exitcode');
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM python:3.11-slim\nRUN echo ${crypto.randomUUID()} && sleep 30\n`,
  );
  const far = new Engine(resolveEndpoint({ env: { DOCKER_HOST: `tcp://127.0.0.1:${port}` } }));
  const r = buildProject(far, {
    dir,
    tag: tagOf(dir),
    onEvent: (e) => {
      if (e.kind === 'step' && /sleep 30/.test(e.step.name)) setTimeout(() => proxy.cut(), 300);
    },
  });
  await assert.rejects(
    r,
    (e: Error) => e.message === `cannot reach Docker at tcp://127.0.0.1:${port}: is the engine running?`,
  );
});

test('a second endpoint through DOCKER_HOST=tcp:// and through a Docker context both work', async () => {
  const proxy = new SocketProxy();
  const port = await proxy.listen();
  const dir = project('script-stats');
  const viaHost = captureIo({ DOCKER_HOST: `tcp://127.0.0.1:${port}` });
  assert.equal(await main(['build', dir], viaHost), 0, viaHost.stderr.join('\n'));
  const afterHost = proxy.connections;
  assert.ok(afterHost > 0, 'went through the proxy');

  const cfg = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-test-build-ctx-'));
  const ctxName = 'dsc-test-proxy';
  fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ currentContext: ctxName }));
  const meta = path.join(cfg, 'contexts', 'meta', crypto.createHash('sha256').update(ctxName).digest('hex'));
  fs.mkdirSync(meta, { recursive: true });
  fs.writeFileSync(
    path.join(meta, 'meta.json'),
    JSON.stringify({
      Name: ctxName,
      Metadata: {},
      Endpoints: { docker: { Host: `tcp://127.0.0.1:${port}`, SkipTLSVerify: false } },
    }),
  );
  const viaCtx = captureIo({ DOCKER_CONFIG: cfg });
  assert.equal(await main(['run', dir], viaCtx), 0, viaCtx.stderr.join('\n'));
  assert.deepEqual(viaCtx.stdout, ['mean 4.5']);
  assert.ok(proxy.connections > afterHost, 'the context endpoint was used');
  proxy.cut();
  fs.rmSync(cfg, { recursive: true, force: true });
});
