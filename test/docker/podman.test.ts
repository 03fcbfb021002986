// Podman's Docker-compatible service as the engine: this test starts `podman system service` on a
// socket of its own, loads the stand-in image with `docker save | podman load`, then `up` builds (classic
// endpoint, no BuildKit) and runs a small project there, and the explorer's listing and events see it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { EngineEvent } from '../../src/core/docker/types';
import { ExplorerModel } from '../../src/node/explorer/live';
import { containerTree, DEFAULT_OPTIONS, imageTree, leaves } from '../../src/core/docker/tree';
import { captureIo } from './helpers';

const podman = (() => {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const skip = podman ? false : "podman is not installed (scripts/setup.sh installs Debian's podman)";
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-podman-'));
const socket = path.join(work, 'podman.sock');
const host = `unix://${socket}`;
let service: ChildProcess | undefined;
let engine: Engine;
const images: string[] = [];
const containers: string[] = [];

function answers(): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: socket, path: '/_ping', timeout: 2000 }, (r) => {
      r.resume();
      resolve(r.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

before(async () => {
  if (!podman) return;
  // Containers get modest rlimits: podman's defaults (nofile/nproc 1M) exceed what a container sandbox
  // without CAP_SYS_RESOURCE may set ("error setting rlimit type 7: operation not permitted").
  const conf = path.join(work, 'containers.conf');
  fs.writeFileSync(conf, '[containers]\ndefault_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]\n');
  service = spawn('podman', ['system', 'service', '--time=0', host], {
    env: { ...process.env, CONTAINERS_CONF: conf },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(await answers()); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(await answers(), `podman system service did not answer on ${socket}`);
  engine = new Engine(resolveEndpoint({ env: { DOCKER_HOST: host } }), 60000);
  try {
    execFileSync('podman', ['image', 'exists', 'python:3.11-slim']);
  } catch {
    const tar = path.join(work, 'slim.tar');
    execFileSync('docker', ['save', '-o', tar, 'python:3.11-slim']);
    execFileSync('podman', ['load', '-i', tar], { stdio: 'ignore' });
    fs.rmSync(tar);
  }
});

after(async () => {
  if (engine) {
    for (const c of containers) await engine.removeContainer(c, true).catch(() => undefined);
    for (const i of images) await engine.removeImage(i, true).catch(() => undefined);
  }
  service?.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
});

test('the engine behind the socket is detected as Podman, and builds without BuildKit', { skip }, async () => {
  const v = await engine.version();
  assert.equal(v.engine, 'podman');
  assert.equal(await engine.supportsBuildKit({}), false);
});

test(
  'up of a small project builds and runs on Podman; the explorer lists its container and sees its events',
  { skip },
  async () => {
    const dir = path.join(work, 'dsc-share14-podman-hello');
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'main.py'),
      'import platform\nprint("hello from podman, python", platform.python_version())\n',
    );
    const tag = 'dsc-share14-podman-hello:latest';
    images.push(tag);
    const io = captureIo({ ...process.env, DOCKER_HOST: host });
    const code = await main(['up', dir, '--no-pin', '--base-image', 'python:3.11-slim'], io);
    assert.equal(code, 0, io.stderr.join('\n'));
    assert.match(io.stdout.join('\n'), /built dsc-share14-podman-hello:latest .*classic builder/);
    assert.match(io.stdout.join('\n'), /^hello from podman, python 3\.11/m);

    const seen: EngineEvent[] = [];
    const ac = new AbortController();
    let open!: () => void;
    const opened = new Promise<void>((r) => {
      open = r;
    });
    const events = engine
      .events(
        (e) => seen.push(e),
        ac.signal,
        () => open(),
      )
      .catch(() => undefined);
    await opened;
    // The explorer's own model (what the Containers and Images views show), live from Podman's events.
    const model = new ExplorerModel(() => engine, { pollMs: 3_600_000, backoffMs: [200, 400] });
    model.setActive(true);
    const run = await engine.runImage(tag, { name: `dsc-share14-podman-${process.pid}` });
    containers.push(run.id);
    const listed = await engine.listContainers();
    const mine = listed.find((c) => c.id === run.id);
    assert.ok(mine, `the listing has the container: ${listed.map((c) => c.name).join(', ')}`);
    assert.equal(mine.name, `dsc-share14-podman-${process.pid}`);
    assert.match(mine.image, /dsc-share14-podman-hello/);
    for (let i = 0; i < 50 && !seen.some((e) => e.id === run.id && e.action === 'start'); i++)
      await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await events;
    assert.ok(
      seen.some((e) => e.id === run.id && e.action === 'start'),
      `a start event: ${JSON.stringify(seen)}`,
    );
    assert.ok((await engine.listImages()).some((i) => i.tags.some((t) => t.includes('dsc-share14-podman-hello'))));
    try {
      for (let i = 0; i < 100 && !model.containers?.some((c) => c.id === run.id); i++)
        await new Promise((r) => setTimeout(r, 100));
      assert.equal(model.state, 'live', model.reason);
      const shown = leaves(containerTree(model.containers ?? [], DEFAULT_OPTIONS)).find(
        (n) => n.container?.id === run.id,
      );
      assert.ok(shown, `the Containers view lists it: ${(model.containers ?? []).map((c) => c.name).join(', ')}`);
      assert.equal(shown.label, `dsc-share14-podman-${process.pid}`);
      // main.py prints a line and ends within a second: the model may list the container running, exited, or
      // (Podman, removing a --rm container) dead or removing; in each the view shows it with its state.
      assert.match(shown.contextValue ?? '', /^container:(running|exited|dead|removing)/);
      const images = leaves(imageTree(model.images ?? [], DEFAULT_OPTIONS, Date.now() / 1000));
      assert.ok(
        images.some((n) => n.image?.ref?.endsWith(tag)),
        `the Images view lists ${tag}`,
      );
    } finally {
      model.dispose();
    }
  },
);
