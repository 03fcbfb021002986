// The explorer against the real engine: Engine's image/container methods, and the live model
// (what the tree providers show) following real events, through a TCP proxy that we kill and
// restart to play "the engine went away and came back" without touching dockerd.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'net';
import Docker from 'dockerode';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { ExplorerModel } from '../../src/node/explorer/live';
import { containerTree, imageTree, leaves, DEFAULT_OPTIONS } from '../../src/core/docker/tree';

const P = 'dsc-test-explorer-';
const docker = new Docker();
const rejections: unknown[] = [];
const trap = (e: unknown) => rejections.push(e);

/** A TCP → unix-socket proxy in front of dockerd; kill() drops it and every connection. */
class Proxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  async start(): Promise<void> {
    this.server = net.createServer((client) => {
      const up = net.connect('/var/run/docker.sock');
      for (const s of [client, up]) {
        this.sockets.add(s);
        s.on('error', () => {
          client.destroy();
          up.destroy();
        });
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          up.destroy();
        });
      }
      client.pipe(up);
      up.pipe(client);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  async kill(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }
}

/** One turn of the event loop: a promise already rejected and left unhandled is reported by then. */
const turn = () => new Promise((r) => setImmediate(r));

async function until(what: string, ok: () => boolean, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const proxy = new Proxy();
let engine: Engine;
let model: ExplorerModel;
let asked = 0; // how often the model asked for its engine: once per list call and per reconnect attempt
const containerCtx = (name: string) =>
  leaves(containerTree(model.containers ?? [], DEFAULT_OPTIONS)).find((n) => n.label === name)?.contextValue;

before(async () => {
  process.on('unhandledRejection', trap);
  await proxy.start();
  engine = new Engine(resolveEndpoint({ setting: `tcp://127.0.0.1:${proxy.port}`, env: {} }), 5000);
  // events only: the safety poll is an hour away, so every change seen here came by an event
  model = new ExplorerModel(() => (asked++, engine), { pollMs: 3_600_000, backoffMs: [200, 400] });
  const base = docker.getContainer(
    (await docker.createContainer({ Image: 'python:3.11-slim', name: `${P}exposed-base`, Cmd: ['true'] })).id,
  );
  await base.commit({
    repo: `${P}exposed`,
    tag: '1',
    changes: ['EXPOSE 8000', 'CMD ["python3", "-m", "http.server", "8000"]'],
  });
  await base.remove();
});

after(async () => {
  model?.dispose();
  for (const c of await docker.listContainers({ all: true })) {
    if (c.Names.some((n) => n.startsWith(`/${P}`)) || c.Image.startsWith(P))
      await docker
        .getContainer(c.Id)
        .remove({ force: true })
        .catch(() => {});
  }
  for (const ref of [`${P}exposed:1`, `${P}tagged:v1`])
    await docker
      .getImage(ref)
      .remove({ force: true })
      .catch(() => {});
  await proxy.kill().catch(() => {});
  await turn();
  process.off('unhandledRejection', trap);
  assert.deepEqual(rejections, [], 'no unhandled rejection');
});

test('containers created, started, stopped and removed on the engine change state in the tree through events', async () => {
  model.setActive(true);
  await until('first lists', () => model.state === 'live' && !!model.containers && !!model.images);
  const c = await docker.createContainer({
    Image: 'python:3.11-slim',
    name: `${P}live`,
    Cmd: ['sleep', '300'],
    HostConfig: { Init: true },
  });
  await until('created container appears', () => containerCtx(`${P}live`) === 'container:created');
  await c.start();
  await until('shown running', () => containerCtx(`${P}live`) === 'container:running');
  await engine.stopContainer(c.id, 2);
  await until('shown exited', () => containerCtx(`${P}live`) === 'container:exited');
  await engine.removeContainer(c.id);
  await until('gone from the tree', () => containerCtx(`${P}live`) === undefined);
});

test('the engine goes away: the model reports unreachable, then recovers by itself when it is back', async () => {
  await until('live', () => model.state === 'live');
  await proxy.kill();
  await until('unreachable', () => model.state === 'unreachable');
  assert.match(model.reason!, /cannot reach Docker at tcp:\/\/127\.0\.0\.1:\d+/);
  // a change made while we cannot see the engine shows up after the reconnect
  const c = await docker.createContainer({ Image: 'python:3.11-slim', name: `${P}while-down`, Cmd: ['true'] });
  // not a sleep: two more reconnect attempts have failed, and the model still says unreachable
  const seen = asked;
  await until('two reconnect attempts while down', () => asked >= seen + 2);
  assert.equal(model.state, 'unreachable');
  await proxy.start();
  await until('live again', () => model.state === 'live', 30000);
  await until('the change made while down is shown', () => containerCtx(`${P}while-down`) === 'container:created');
  // and events flow again
  await c.remove();
  await until('removal seen through events after the reconnect', () => containerCtx(`${P}while-down`) === undefined);
});

test('an image run detached publishes its exposed port on 127.0.0.1 with an engine-chosen host port', async () => {
  const r = await engine.runImage(`${P}exposed:1`, { name: `${P}run` });
  assert.equal(r.name, `${P}run`);
  assert.equal(r.ports.length, 1);
  assert.equal(r.ports[0].hostIp, '127.0.0.1');
  assert.ok(r.ports[0].hostPort! > 0);
  await until('running with its port in the tree', () => containerCtx(`${P}run`) === 'container:running:ports');
  const node = leaves(containerTree(model.containers!, DEFAULT_OPTIONS)).find((n) => n.label === `${P}run`)!;
  assert.match(node.description!, new RegExp(`127\\.0\\.0\\.1:${r.ports[0].hostPort}→8000`));
  const inspect = JSON.parse(await engine.inspect('container', r.id));
  assert.equal(inspect.Id, r.id);
  await engine.restartContainer(r.id, 1);
  await engine.removeContainer(r.id, true);
});

test('logs follow demultiplexed text and stop on abort; a shell runs bash or sh', async () => {
  const c = await docker.createContainer({
    Image: 'python:3.11-slim',
    name: `${P}logs`,
    Cmd: ['sh', '-c', 'echo out-line; echo err-line >&2; sleep 300'],
    HostConfig: { Init: true },
  });
  await c.start();
  const ac = new AbortController();
  let out = '';
  let err = '';
  const done = engine.followLogs(c.id, (t, s) => (s === 'stdout' ? (out += t) : (err += t)), ac.signal);
  await until('both streams', () => out.includes('out-line') && err.includes('err-line'), 10000);
  assert.ok(!out.includes('err-line'));
  ac.abort();
  await done;

  const shell = await engine.execShell(c.id, { cols: 100, rows: 30 });
  let text = '';
  shell.onData((t) => (text += t));
  const exited = new Promise<number | undefined>((r) => shell.onExit(r));
  shell.write('echo "shell:$0:$((6*7))"; exit 3\n');
  assert.equal(await exited, 3);
  assert.match(text, /shell:(bash|sh):42/);
});

test('an image run interactively gets a TTY: input reaches the process and its exit code comes back', async () => {
  const { run, session } = await engine.runImageInteractive('python:3.11-slim', { cols: 120, rows: 30 });
  try {
    let text = '';
    session.onData((t) => (text += t));
    const exited = new Promise<number | undefined>((r) => session.onExit(r));
    await until('the Python prompt', () => text.includes('>>>'), 15000);
    session.write('print(6 * 7)\r');
    await until('the answer', () => /\b42\b/.test(text), 10000);
    session.write('raise SystemExit(5)\r');
    assert.equal(await exited, 5);
  } finally {
    await engine.removeContainer(run.id, true);
  }
});

test('image tag, remove, and prune of dangling images reporting the space freed', async () => {
  const img = (await engine.listImages()).find((i) => i.tags.includes(`${P}exposed:1`))!;
  await engine.tagImage(img.id, `${P}tagged`, 'v1');
  await until('new tag in the tree through events', () =>
    leaves(imageTree(model.images!, DEFAULT_OPTIONS, Date.now() / 1000)).some((n) => n.image?.ref === `${P}tagged:v1`),
  );
  await engine.removeImage(`${P}tagged:v1`);
  await until(
    'tag gone',
    () =>
      !leaves(imageTree(model.images!, DEFAULT_OPTIONS, Date.now() / 1000)).some(
        (n) => n.image?.ref === `${P}tagged:v1`,
      ),
  );
  // a dangling image of our own (others share this engine: prune only what carries our label)
  const commitBlob = async () => {
    const c = docker.getContainer(
      (
        await docker.createContainer({
          Image: 'python:3.11-slim',
          name: `${P}dangling-base`,
          Cmd: ['sh', '-c', 'head -c 300000 /dev/urandom > /blob'],
        })
      ).id,
    );
    await c.start();
    await c.wait();
    const img = await c.commit({ repo: `${P}dangling`, tag: '1', changes: ['LABEL dsc-test-explorer=1'] });
    await c.remove();
    return img;
  };
  const first = await commitBlob();
  await commitBlob(); // takes the tag: the first one is now dangling
  await until(
    'the untagged one is in the Dangling group',
    () =>
      imageTree(model.images!, DEFAULT_OPTIONS, 0)
        .at(-1)
        ?.children?.some((n) => n.image?.id === first.Id) === true,
  );
  assert.ok((await engine.danglingSize()) >= 300000);
  const r = await engine.pruneDanglingImages(['dsc-test-explorer=1']);
  assert.ok(r.deleted.includes(first.Id), `${first.Id} pruned: ${r.deleted.join(', ')}`);
  assert.ok(r.spaceReclaimed >= 300000, `${r.spaceReclaimed} bytes reclaimed`);
  await engine.removeImage(`${P}dangling:1`, true);
});

test('no unhandled rejection happened during the run (engine loss included)', async () => {
  await turn();
  assert.deepEqual(rejections, []);
});
