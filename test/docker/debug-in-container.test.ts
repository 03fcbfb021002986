// "Debug in Container" on the real engine: the script runs under debugpy in the project's image, the
// debug port answers on 127.0.0.1 only, and the generated attach configuration, sent as VS Code's Python
// debugger sends it (Debug Adapter Protocol over TCP), stops at a breakpoint set in the HOST file: the
// pathMappings are right. (VS Code's Python debugger extension cannot be installed here: no marketplace.)
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { buildProject } from '../../src/node/docker/build';
import { imageHasDebugpy, startDebugRun } from '../../src/node/develop/debugRun';
import { attachConfig, debugPort } from '../../src/core/develop/debug';

const engine = new Engine(resolveEndpoint({ env: process.env }), 60_000);
const tag = `dsc-test-dev13-debug-${process.pid}:latest`;
const dirs: string[] = [];
const containers: string[] = [];

after(async () => {
  for (const id of containers) await engine.stopRun(id).catch(() => undefined);
  await engine.removeImage(tag, true).catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A minimal DAP client: requests with seq numbers, responses matched by request_seq, events collected. */
class Dap {
  private seq = 1;
  private buf = Buffer.alloc(0);
  private readonly waiting = new Map<number, (m: Record<string, unknown>) => void>();
  readonly events: Record<string, unknown>[] = [];
  private readonly eventWaiters: { name: string; resolve: (m: Record<string, unknown>) => void }[] = [];

  constructor(private readonly socket: net.Socket) {
    socket.on('data', (d) => this.feed(d));
  }

  private feed(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const head = this.buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, head).toString())?.[1]);
      if (this.buf.length < head + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(head + 4, head + 4 + len).toString());
      this.buf = this.buf.subarray(head + 4 + len);
      if (msg.type === 'response') this.waiting.get(msg.request_seq)?.(msg);
      if (msg.type === 'event') {
        this.events.push(msg);
        for (const w of this.eventWaiters.filter((x) => x.name === msg.event)) w.resolve(msg);
      }
    }
  }

  request(command: string, args: unknown = {}): Promise<Record<string, unknown>> {
    const seq = this.seq++;
    const body = JSON.stringify({ seq, type: 'request', command, arguments: args });
    this.socket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    return new Promise((resolve) => this.waiting.set(seq, resolve));
  }

  event(name: string, ms = 30_000): Promise<Record<string, unknown>> {
    const seen = this.events.find((e) => e.event === name);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no ${name} event; got ${this.events.map((e) => e.event).join(', ')}`)),
        ms,
      );
      this.eventWaiters.push({
        name,
        resolve: (m) => {
          clearTimeout(t);
          resolve(m);
        },
      });
    });
  }
}

const INIT = {
  adapterID: 'debugpy',
  clientID: 'vscode',
  pathFormat: 'path',
  linesStartAt1: true,
  columnsStartAt1: true,
};

/** Connects and initializes; docker-proxy accepts on the host port before debugpy listens, so retry until it answers. */
async function session(port: number): Promise<Dap> {
  for (let i = 0; i < 60; i++) {
    const socket = await new Promise<net.Socket | undefined>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
      s.once('error', () => resolve(undefined));
    });
    if (socket) {
      const dap = new Dap(socket);
      const init = await Promise.race([
        dap.request('initialize', INIT),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 2000)),
      ]);
      if (init?.success) return dap;
      socket.destroy();
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`debugpy never answered on 127.0.0.1:${port}`);
}

/** A request that fails the test instead of hanging it. */
function within<T>(p: Promise<T>, what: string, ms = 30_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

test(
  'the scipy stand-in has no debugpy: Debug in Container would add it in a debug image only',
  { timeout: 120_000 },
  async () => {
    assert.equal(await imageHasDebugpy(engine, 'local/python:3.11-scipy'), false);
    assert.equal(await imageHasDebugpy(engine, 'local/jupyter:3.11'), true);
  },
);

test(
  'Debug in Container: debugpy on 127.0.0.1, the attach configuration stops at a breakpoint in the host file',
  { timeout: 300_000 },
  async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-test-dev13-debug-')), 'train');
    dirs.push(path.dirname(dir));
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, 'train.py'),
      'import numpy as np\n\nweights = np.zeros(3)\ntotal = float(weights.sum()) + 1\nprint("total", total)\n',
    );
    // Debian's Jupyter stand-in brings debugpy (ipykernel needs it), as Jupyter images do.
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM local/jupyter:3.11\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ["python", "train.py"]\n',
    );
    const built = await buildProject(engine, { dir, tag, env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    assert.ok(built.ok, built.error);
    const port = debugPort(dir);
    let output = '';
    const run = await startDebugRun(engine, { dir, tag, entry: 'train.py', port, onOutput: (t) => (output += t) });
    containers.push(run.id);
    assert.equal(run.image, tag, 'the image has debugpy: no debug image is built');
    const inspect = JSON.parse(await engine.inspect('container', run.id));
    assert.deepEqual(inspect.HostConfig.PortBindings[`${port}/tcp`], [{ HostIp: '127.0.0.1', HostPort: String(port) }]);

    const dap = await session(port);
    const config = attachConfig(dir, port);
    const attached = dap.request('attach', config);
    await within(dap.event('initialized'), 'initialized');
    const hostFile = path.join(dir, 'train.py');
    const bp = await within(
      dap.request('setBreakpoints', { source: { path: hostFile }, breakpoints: [{ line: 4 }] }),
      'setBreakpoints',
    );
    assert.equal(
      (bp.body as { breakpoints: { verified: boolean }[] }).breakpoints[0].verified,
      true,
      JSON.stringify(bp),
    );
    await within(dap.request('configurationDone'), 'configurationDone');
    assert.equal((await within(attached, 'attach')).success, true);
    const stopped = await dap.event('stopped');
    assert.equal((stopped.body as { reason: string }).reason, 'breakpoint');
    const threadId = (stopped.body as { threadId: number }).threadId;
    const trace = await within(dap.request('stackTrace', { threadId, levels: 1 }), 'stackTrace');
    const frame = (trace.body as { stackFrames: { line: number; source: { path: string } }[] }).stackFrames[0];
    assert.equal(frame.line, 4);
    assert.equal(frame.source.path, hostFile, 'the frame is mapped back to the host file');
    await dap.request('continue', { threadId });
    assert.equal(await within(run.exit, 'the script to end'), 0);
    assert.match(output, /total 1\.0/);
  },
);
