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
import { until } from './until';

interface Shot {
  kind: string;
  key?: string;
  label: string;
  contextValue?: string;
  error?: boolean;
  saved?: boolean;
  login?: string;
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
    // Out of the view, so later suites' builds are not offered a push to a registry that is gone.
    if (registry)
      await vscode.commands.executeCommand('dsContainers.registries.remove', registry.host).then(undefined, () => 0);
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
  it("Add Registry…'s login is the one login: kept where Docker keeps it, never in settings.json; browse and Push use it; a refused push leaves no tag", async function () {
    this.timeout(180000);
    // A repository in the registry, pushed by the engine with the password itself: no login stored anywhere.
    const ref = `${registry.host}/share14b/secret:1`;
    await engine.tagImage('python:3.11-slim', `${registry.host}/share14b/secret`, '1');
    refs.push(ref);
    const refused = await engine.transfer(
      'push',
      ref,
      { username: user, secret: password, serveraddress: registry.host },
      () => undefined,
    );
    assert.strictEqual(refused, undefined);
    await vscode.commands.executeCommand('dsContainers.registries.remove', { kind: 'registry', key: registry.host });
    assert.ok(!(await snapshot()).some((n) => n.label === registry.host), 'out of the view before the test');

    // Without a login, Push is refused in one line, and the name it tagged for the push is gone again.
    const local = 'dsc-issue27-editor/standin:1';
    await engine.tagImage('python:3.11-slim', 'dsc-issue27-editor/standin', '1');
    refs.push(local);
    const target = `${registry.host}/share14b/one-login:1`;
    refs.push(target);
    const item = await until('the Images view lists the local tag', async () => {
      await vscode.commands.executeCommand('dsContainers.images.refresh');
      const shot = await vscode.commands.executeCommand<{ images: TreeNode[] }>('dsContainers.explorer.snapshot');
      return leaves(shot.images).find((n) => n.image?.ref === local);
    });
    const before = await vscode.commands.executeCommand<{ problem?: string }>('dsContainers.images.push', item, target);
    assert.match(before?.problem ?? '', /refused the push: log in first/);
    assert.strictEqual(await engine.imageSummary(target), undefined, 'no tag left behind by the refused push');

    // The registry answers with a login challenge: Add Registry… asks (here: the preset answer).
    const added = await vscode.commands.executeCommand('dsContainers.registries.add', registry.host, {
      username: user,
      password,
    });
    assert.strictEqual(added, registry.host);
    const reg = await until('the view to list the repository', async () => {
      const r = (await snapshot()).find((n) => n.label === registry.host);
      return r?.children?.some((c) => c.label === 'share14b/secret') ? r : undefined;
    });
    assert.strictEqual(reg.contextValue, 'registry:loggedIn', "the login is Docker's: the engine and the CLI use it");
    const saved = JSON.parse(fs.readFileSync(path.join(config, 'config.json'), 'utf8'));
    assert.strictEqual(Buffer.from(saved.auths[registry.host].auth, 'base64').toString(), `${user}:${password}`);
    const repo = reg.children!.find((c) => c.label === 'share14b/secret')!;
    assert.deepStrictEqual(
      repo.children!.map((c) => [c.kind, c.label]),
      [['tag', '1']],
    );
    // The same login pushes.
    const pushed = await vscode.commands.executeCommand<{ digest?: string; problem?: string }>(
      'dsContainers.images.push',
      item,
      target,
    );
    assert.strictEqual(pushed?.problem, undefined);
    assert.match(pushed?.digest ?? '', /^sha256:[a-f0-9]{64}$/);

    // The secret is in no settings file.
    const settingsFile = path.join(process.env.DSC_USER_DATA_DIR!, 'User', 'settings.json');
    const settingsText = fs.readFileSync(settingsFile, 'utf8');
    assert.ok(settingsText.includes(registry.host), 'the right settings.json: it lists the added registry');
    assert.ok(!settingsText.includes(password), 'no password in settings.json');
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const ws = path.join(folder.uri.fsPath, '.vscode', 'settings.json');
      if (fs.existsSync(ws)) assert.ok(!fs.readFileSync(ws, 'utf8').includes(password), 'none in workspace settings');
    }

    // Log Out, then a browse-only login (Set Browsing Credentials…): a wrong password is one line and stores nothing;
    // the right one is kept in SecretStorage, not in Docker's config.
    await vscode.commands.executeCommand('dsContainers.registries.logout', reg);
    const wrong = await vscode.commands.executeCommand<{ problem?: string }>(
      'dsContainers.registries.setCredentials',
      registry.host,
      { username: user, password: 'not-the-password' },
    );
    assert.strictEqual(wrong?.problem, `${registry.host} refused the login: wrong username or password`);
    await vscode.commands.executeCommand('dsContainers.registries.setCredentials', registry.host, {
      username: user,
      password,
    });
    const browsing = await until('the view to browse with the saved secret', async () => {
      await refresh();
      const r = (await snapshot()).find((n) => n.label === registry.host);
      return r?.children?.some((c) => c.label === 'share14b/secret') ? r : undefined;
    });
    assert.strictEqual(browsing.saved, true);
    for (const f of fs.readdirSync(config))
      assert.ok(!fs.readFileSync(path.join(config, f), 'utf8').includes(password), `no password in ${f}`);

    // Remove from View forgets the secret: added again without answering, the registry needs a login,
    // and that line is the way to give one.
    await vscode.commands.executeCommand('dsContainers.registries.remove', { kind: 'registry', key: registry.host });
    await vscode.commands.executeCommand('dsContainers.registries.add', registry.host, false);
    const again = (await snapshot()).find((n) => n.label === registry.host)!;
    assert.strictEqual(again.saved, false);
    assert.deepStrictEqual(
      again.children!.map((c) => [c.label, c.login]),
      [[`${registry.host} needs a login`, registry.host]],
    );
  });

  it('a Bearer-token registry (a token server of ours): Add Registry… with a browsing login lists its repository and tag', async function () {
    this.timeout(120000);
    const tokenRegistry = await startRegistry({ auth: { user, password }, token: { pushPrefixes: ['share14b/'] } });
    try {
      const ref = `${tokenRegistry.host}/share14b/bearer:1`;
      await engine.tagImage('python:3.11-slim', `${tokenRegistry.host}/share14b/bearer`, '1');
      refs.push(ref);
      const refused = await engine.transfer(
        'push',
        ref,
        { username: user, secret: password, serveraddress: tokenRegistry.host },
        () => undefined,
      );
      assert.strictEqual(refused, undefined);
      await vscode.commands.executeCommand('dsContainers.registries.add', tokenRegistry.host, {
        username: user,
        password,
      });
      let last: Shot | undefined;
      const reg = await until('the view to list the repository', async () => {
        last = (await snapshot()).find((n) => n.label === tokenRegistry.host);
        return last?.children?.some((c) => c.label === 'share14b/bearer') ? last : undefined;
      }).catch((e: Error) => {
        throw new Error(`${e.message}; the view showed ${JSON.stringify(last)}`);
      });
      assert.strictEqual(reg.contextValue, 'registry:loggedIn', "Add Registry…'s login is Docker's");
      assert.deepStrictEqual(
        reg.children!.find((c) => c.label === 'share14b/bearer')!.children!.map((c) => c.label),
        ['1'],
      );
      // The view's requests went through the token server, with the user's login and the scopes they need.
      const asked = tokenRegistry.tokens!.requests.filter((r) => r.user === user).flatMap((r) => r.granted);
      assert.ok(asked.includes('registry:catalog:*'), asked.join(' '));
      assert.ok(asked.includes('repository:share14b/bearer:pull'), asked.join(' '));
      await vscode.commands.executeCommand('dsContainers.registries.logout', reg);
      await vscode.commands.executeCommand('dsContainers.registries.remove', tokenRegistry.host);
    } finally {
      await tokenRegistry.stop();
    }
  });

  it('after Build Image, "Push to a Registry…" opens the push flow with the registry prefix, and pushes', async function () {
    this.timeout(240000);
    const login = await vscode.commands.executeCommand<{ problem?: string }>(
      'dsContainers.registries.login',
      registry.host,
      { username: user, password },
    );
    assert.strictEqual(login?.problem, undefined);
    const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'dsc-reg14-offer');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nCMD ["python3", "-c", "print(14)"]\n');
    const local = 'dsc-reg14-offer:latest';
    const target = `${registry.host}/dsc-reg14-offer:latest`;
    refs.push(local, target);
    try {
      const built = await vscode.commands.executeCommand<{ ok: boolean }>(
        'dsContainers.project.build',
        vscode.Uri.file(path.join(dir, 'Dockerfile')),
      );
      assert.strictEqual(built?.ok, true);
      const message = await until('the push offer', async () =>
        vscode.commands.executeCommand<string | undefined>('dsContainers.test.answerOffer', 'pushAfterBuild'),
      );
      assert.strictEqual(message, `${local} is built. Push it to a registry to share or deploy it?`);
      await vscode.commands.executeCommand('dsContainers.test.answerOffer', 'pushAfterBuild', 'Push to a Registry…');
      // The tag picker's first suggestion is the image's name under the (only) registry of the view. The
      // catalog lists a repository as soon as its first layer arrives: wait for the tag, pushed last.
      const listed = await until(
        'the pushed tag in the view',
        async () => {
          await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
          await refresh();
          const reg = (await snapshot()).find((n) => n.label === registry.host);
          const repo = reg?.children?.find((c) => c.label === 'dsc-reg14-offer');
          return repo?.children?.length ? repo : undefined;
        },
        120000,
      );
      assert.deepStrictEqual(
        listed.children!.map((c) => c.label),
        ['latest'],
      );
      assert.ok(await engine.imageSummary(target), 'tagged under the registry prefix');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await vscode.commands.executeCommand('dsContainers.registries.logout', registry.host);
    }
  });
});

async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}
