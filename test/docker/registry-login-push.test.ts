// Registries against a real one: Debian's docker-registry on 127.0.0.1 with htpasswd auth, a temp
// DOCKER_CONFIG per test (never the machine's own), and our own docker-credential-* helper script.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { Registry, startRegistry } from './registry';
import { captureIo } from './helpers';

const engine = new Engine(resolveEndpoint({ env: process.env }), 60000);
const user = 'share14';
const password = 'pw-share14-Secret';
let registry: Registry;
const refs: string[] = [];
const temps: string[] = [];

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `dsc-share14-${prefix}-`));
  temps.push(d);
  return d;
}

function envWith(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_CONFIG: tempDir('config'), ...extra };
}

async function cli(args: string[], env: NodeJS.ProcessEnv, stdin?: string) {
  const io = captureIo(env);
  if (stdin !== undefined) io.stdin = Readable.from([stdin]);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** A fresh tag of the small stand-in image in the test registry's namespace. */
async function localImage(name: string): Promise<string> {
  const repo = `${registry.host}/share14/${name}`;
  await engine.tagImage('python:3.11-slim', repo, '1');
  refs.push(`${repo}:1`);
  return `${repo}:1`;
}

before(async () => {
  registry = await startRegistry({ auth: { user, password } });
});
after(async () => {
  for (const r of refs) await engine.removeImage(r).catch(() => undefined);
  await registry?.stop();
  for (const d of temps) fs.rmSync(d, { recursive: true, force: true });
});

test('push is refused without a login; login checks the password and writes DOCKER_CONFIG/config.json; push, remove, pull, run', async () => {
  const env = envWith({});
  const ref = await localImage('slim');
  const refused = await cli(['push', ref], env);
  assert.equal(refused.code, 1);
  assert.equal(
    refused.err.at(-1),
    `ds-containers push: ${registry.host} refused the push: log in first with ds-containers login ${registry.host}`,
  );

  const wrong = await cli(['login', registry.host, '--username', user, '--password-stdin'], env, 'not-the-password\n');
  assert.equal(wrong.code, 1);
  assert.deepEqual(wrong.err, [`ds-containers login: ${registry.host} refused the login: wrong username or password`]);
  assert.equal(fs.existsSync(path.join(env.DOCKER_CONFIG!, 'config.json')), false, 'a failed login stores nothing');

  const login = await cli(['login', registry.host, '--username', user, '--password-stdin'], env, `${password}\n`);
  assert.equal(login.code, 0, login.err.join('\n'));
  const configFile = path.join(env.DOCKER_CONFIG!, 'config.json');
  const config = JSON.parse(fs.readFileSync(configFile, 'utf8'));
  assert.equal(Buffer.from(config.auths[registry.host].auth, 'base64').toString(), `${user}:${password}`);
  assert.equal(fs.statSync(configFile).mode & 0o777, 0o600);

  const pushed = await cli(['push', ref], env);
  assert.equal(pushed.code, 0, pushed.err.join('\n'));
  assert.match(pushed.out.at(-1)!, new RegExp(`^pushed ${ref.replace(/[.]/g, '\\.')} \\(sha256:[a-f0-9]{64}\\)$`));
  assert.ok(
    pushed.err.some((l) => /: Pushed$|: Layer already exists$/.test(l)),
    pushed.err.join('\n'),
  );

  await engine.removeImage(ref);
  assert.equal(await engine.imageSummary(ref), undefined);
  const pulled = await cli(['pull', ref], env);
  assert.equal(pulled.code, 0, pulled.err.join('\n'));
  assert.ok(await engine.imageSummary(ref), 'pulled image is local again');
  const run = await engine.startRun(
    { image: ref, ports: [], autoRemove: true, labels: {}, cmd: ['python3', '-c', 'print("ran pulled image")'] },
    () => undefined,
  );
  assert.equal(await run.exit, 0);

  const out = await cli(['logout', registry.host], env);
  assert.deepEqual(out.out, [`logged out of ${registry.host}`]);
  assert.equal(JSON.parse(fs.readFileSync(configFile, 'utf8')).auths[registry.host], undefined);
});

test('a credential helper of ours on PATH: login stores through it (no secret in the file), push and logout use it', async () => {
  const bin = tempDir('helper');
  const store = path.join(bin, 'store');
  fs.mkdirSync(store);
  // The docker-credential-* protocol: store reads JSON, get/erase read the server URL on stdin.
  fs.writeFileSync(
    path.join(bin, 'docker-credential-share14'),
    `#!/bin/sh
f="${store}/$(date +%s%N)"
case "$1" in
  store) cat > "${store}/creds.json"; echo store >> "${store}/calls";;
  get) read url; echo "get $url" >> "${store}/calls"
       if [ -f "${store}/creds.json" ]; then cat "${store}/creds.json"; else echo "credentials not found in native keychain"; exit 1; fi;;
  erase) read url; echo "erase $url" >> "${store}/calls"; rm -f "${store}/creds.json";;
esac
`,
    { mode: 0o755 },
  );
  const env = envWith({ PATH: `${bin}:${process.env.PATH}` });
  fs.writeFileSync(
    path.join(env.DOCKER_CONFIG!, 'config.json'),
    JSON.stringify({ credsStore: 'share14', detachKeys: 'ctrl-e,e' }),
  );
  const login = await cli(['login', registry.host, '--username', user, '--password-stdin'], env, password);
  assert.equal(login.code, 0, login.err.join('\n'));
  assert.match(login.out[0], /credentials in the credential helper docker-credential-share14/);
  const configText = fs.readFileSync(path.join(env.DOCKER_CONFIG!, 'config.json'), 'utf8');
  assert.ok(
    !configText.includes(Buffer.from(`${user}:${password}`).toString('base64')) && !configText.includes(password),
    'no secret in config.json',
  );
  const config = JSON.parse(configText);
  assert.deepEqual(config.auths[registry.host], {});
  assert.equal(config.detachKeys, 'ctrl-e,e', 'other settings are kept');
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(store, 'creds.json'), 'utf8')), {
    ServerURL: registry.host,
    Username: user,
    Secret: password,
  });

  const ref = await localImage('helper');
  const pushed = await cli(['push', ref], env);
  assert.equal(pushed.code, 0, pushed.err.join('\n'));
  assert.ok(fs.readFileSync(path.join(store, 'calls'), 'utf8').includes(`get ${registry.host}`));
  assert.equal((await cli(['logout', registry.host], env)).code, 0);
  assert.ok(!fs.existsSync(path.join(store, 'creds.json')));
  assert.ok(fs.readFileSync(path.join(store, 'calls'), 'utf8').includes(`erase ${registry.host}`));
});

/** A loopback port nothing listens on (fetch refuses well-known unsafe ports such as 1). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

test('bad input is one clear line each: unreachable registry, no tag, a name the grammar rejects, a name too long for Docker, a missing helper', async () => {
  const env = envWith({});
  const dead = `127.0.0.1:${await closedPort()}`;
  const deadRe = dead.replace(/[.]/g, '\\.');
  const cases: [string[], RegExp, string?][] = [
    [
      ['login', dead, '--username', user, '--password-stdin'],
      new RegExp(`^ds-containers login: cannot reach the registry at ${deadRe}: ECONNREFUSED$`),
      password,
    ],
    [['push', `${registry.host}/share14/slim`], /has no tag: name the version to push, e\.g\. .*\/share14\/slim:1\.0$/],
    [['push', `${registry.host}/Share14/Slim:1`], /is not an image reference: use lower-case REGISTRY\/NAME:TAG/],
    [['push', `${registry.host}/share14/never-built:1`], /no local image .*never-built:1: build or tag it first$/],
    // Longer than Docker's 255 characters: the engine's answer would be a 400 calling it "no such image".
    [['push', `${registry.host}/share14/${'x'.repeat(250)}:1`], /is too long: an image name .* at most 255 characters/],
    [['pull', `${registry.host}/share14/never-pushed:1`], /refused the pull: log in first|has no such image/],
  ];
  for (const [args, re, stdin] of cases) {
    const r = await cli(args, env, stdin);
    assert.notEqual(r.code, 0, args.join(' '));
    assert.equal(r.err.length, 1, `${args.join(' ')}: ${r.err.join('\n')}`);
    assert.match(r.err[0], re);
  }
  const ref = await localImage('unreachable');
  await engine.tagImage(ref, `${dead}/share14/unreachable`, '1');
  refs.push(`${dead}/share14/unreachable:1`);
  const r = await cli(['push', `${dead}/share14/unreachable:1`], env);
  assert.equal(r.code, 1);
  assert.match(
    r.err.at(-1)!,
    new RegExp(`^ds-containers push: cannot reach the registry at ${deadRe}: .*connection refused`),
  );

  fs.writeFileSync(
    path.join(env.DOCKER_CONFIG!, 'config.json'),
    JSON.stringify({ credHelpers: { [registry.host]: 'share14-missing' } }),
  );
  const missing = await cli(['push', ref], env);
  assert.deepEqual(missing.err, [
    'ds-containers push: the credential helper docker-credential-share14-missing (named in the Docker config) is not on PATH',
  ]);
});
