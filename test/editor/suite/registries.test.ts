// The Registries view and Push to Registry… inside the real extension host, against a real registry:
// Debian's docker-registry with htpasswd auth on 127.0.0.1, started here (the extension host is this
// process, so DOCKER_CONFIG set here is the one the extension reads and writes).
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';
import { leaves, TreeNode } from '../../../src/core/docker/tree';
import { Registry, startRegistry } from '../../docker/registry';

interface Shot {
  kind: string;
  key?: string;
  label: string;
  contextValue?: string;
  error?: boolean;
  children?: Shot[];
}
const user = 'share14b';
const password = 'pw-share14b-Editor';
const engine = new Engine(resolveEndpoint({ env: process.env }), 60000);
const snapshot = () => vscode.commands.executeCommand<Shot[]>('dsContainers.registries.snapshot');
const refresh = () => vscode.commands.executeCommand('dsContainers.registries.refresh');

describe('Registries view and Push to Registry (real registry)', () => {
  let registry: Registry;
  let config: string;
  const savedConfig = process.env.DOCKER_CONFIG;
  const refs: string[] = [];
  before(async function () {
    this.timeout(120000);
    registry = await startRegistry({ auth: { user, password } });
    config = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-share14b-config-'));
    process.env.DOCKER_CONFIG = config;
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    await vscode.commands.executeCommand('dsContainers.registries.focus');
  });
  after(async () => {
    for (const r of refs) await engine.removeImage(r).catch(() => undefined);
    if (savedConfig === undefined) delete process.env.DOCKER_CONFIG;
    else process.env.DOCKER_CONFIG = savedConfig;
    await registry?.stop();
    fs.rmSync(config, { recursive: true, force: true });
  });

  it('a wrong password is one line and stores nothing; an unreachable registry is one line in the tree', async () => {
    const r = await vscode.commands.executeCommand<{ problem?: string }>(
      'dsContainers.registries.login',
      registry.host,
      { username: user, password: 'not-the-password' },
    );
    assert.strictEqual(r?.problem, `${registry.host} refused the login: wrong username or password`);
    assert.ok(!fs.existsSync(path.join(config, 'config.json')), 'a failed login stores nothing');

    const dead = `127.0.0.1:${await closedPort()}`;
    assert.strictEqual(await vscode.commands.executeCommand('dsContainers.registries.add', dead), dead);
    const shown = (await snapshot()).find((n) => n.label === dead);
    assert.ok(shown, 'the added registry is listed');
    assert.strictEqual(shown.contextValue, 'registry:loggedOut');
    assert.deepStrictEqual(
      shown.children!.map((c) => [c.kind, c.label, c.error]),
      [['message', `cannot reach the registry at ${dead}: ECONNREFUSED`, true]],
    );
    await vscode.commands.executeCommand('dsContainers.registries.remove', { kind: 'registry', key: dead });
    assert.ok(!(await snapshot()).some((n) => n.label === dead), 'removed from the view');
  });

  it('log in, push a stand-in image from the Images view; the view lists its repository and tag; Copy Reference gives the digest', async function () {
    this.timeout(180000);
    const login = await vscode.commands.executeCommand<{ where?: string; problem?: string }>(
      'dsContainers.registries.login',
      registry.host,
      { username: user, password },
    );
    assert.strictEqual(login?.problem, undefined);
    const saved = JSON.parse(fs.readFileSync(path.join(config, 'config.json'), 'utf8'));
    assert.strictEqual(Buffer.from(saved.auths[registry.host].auth, 'base64').toString(), `${user}:${password}`);
    const logged = (await snapshot()).find((n) => n.label === registry.host);
    assert.strictEqual(logged?.contextValue, 'registry:loggedIn');

    // Push from the Images view's item for the stand-in image, to a reference in the test registry.
    const local = 'dsc-share14b-editor/standin:1';
    await engine.tagImage('python:3.11-slim', 'dsc-share14b-editor/standin', '1');
    refs.push(local);
    const target = `${registry.host}/share14b/standin:1`;
    refs.push(target);
    const item = await until('the Images view lists the local tag', async () => {
      await vscode.commands.executeCommand('dsContainers.images.refresh');
      const shot = await vscode.commands.executeCommand<{ images: TreeNode[] }>('dsContainers.explorer.snapshot');
      return leaves(shot.images).find((n) => n.image?.ref === local);
    });
    const pushed = await vscode.commands.executeCommand<{ ref: string; digest?: string }>(
      'dsContainers.images.push',
      item,
      target,
    );
    assert.strictEqual(pushed?.ref, target);
    assert.match(pushed.digest ?? '', /^sha256:[a-f0-9]{64}$/);

    await refresh();
    const reg = (await snapshot()).find((n) => n.label === registry.host)!;
    const repo = reg.children!.find((c) => c.label === 'share14b/standin');
    assert.ok(repo, `repositories: ${JSON.stringify(reg.children)}`);
    assert.strictEqual(repo.contextValue, 'registryRepository');
    const tag = repo.children!.find((c) => c.label === '1');
    assert.ok(tag, `tags: ${JSON.stringify(repo.children)}`);
    assert.strictEqual(tag.contextValue, 'registryTag');

    const ref = await vscode.commands.executeCommand<string>('dsContainers.registries.copyReference', tag);
    assert.strictEqual(ref, `${target}@${pushed.digest}`);
    assert.strictEqual(await vscode.env.clipboard.readText(), ref);

    // Pull back what was pushed, after removing it locally.
    await engine.removeImage(target);
    const pulled = await vscode.commands.executeCommand<{ ref: string }>('dsContainers.registries.pull', tag);
    assert.strictEqual(pulled?.ref, target);
    assert.ok(await engine.imageSummary(target), 'pulled image is local again');

    assert.strictEqual(await vscode.commands.executeCommand('dsContainers.registries.logout', reg), true);
    await refresh();
    const out = (await snapshot()).find((n) => n.label === registry.host)!;
    assert.strictEqual(out.contextValue, 'registry:loggedOut', 'still in the view (added by the login), logged out');
    assert.deepStrictEqual(
      out.children!.map((c) => c.label),
      [`${registry.host} needs a login`],
    );
  });
});

async function until<T>(what: string, get: () => Promise<T | undefined>, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}
