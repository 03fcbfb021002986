// Bearer-token auth against a real registry: Debian's docker-registry in `auth: token:` mode, with a
// token server of ours (tokenServer.ts) that signs RS256 JWTs and lets the user push only under
// "share14t/". Our Registry API client (login check, catalog, tags, digests) must fetch tokens with the
// scopes it needs; the engine pushes and pulls through the same server; a name the registry refuses to
// the user is one line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Readable } from 'stream';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { listRepositories, listTags, RegistryError, tagDigest, verifyLogin } from '../../src/node/registry/client';
import { Registry, registryAvailable, startRegistry } from './registry';
import { captureIo } from './helpers';

const engine = new Engine(resolveEndpoint({ env: process.env }), 60000);
const user = 'share14t';
const password = 'pw-share14t-Token';
const skip = !registryAvailable() && 'docker-registry is not installed (scripts/setup.sh)';
let registry: Registry;
let configDir: string;
const refs: string[] = [];

async function cli(args: string[], stdin?: string) {
  const io = captureIo({ ...process.env, DOCKER_CONFIG: configDir });
  if (stdin !== undefined) io.stdin = Readable.from([stdin]);
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

async function localImage(repo: string): Promise<string> {
  await engine.tagImage('python:3.11-slim', `${registry.host}/${repo}`, '1');
  refs.push(`${registry.host}/${repo}:1`);
  return `${registry.host}/${repo}:1`;
}

before(async () => {
  if (skip) return;
  registry = await startRegistry({ auth: { user, password }, token: { pushPrefixes: ['share14t/'] } });
  configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-share14t-config-'));
});
after(async () => {
  for (const r of refs) await engine.removeImage(r).catch(() => undefined);
  await registry?.stop();
  if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
});

test(
  'login checks the password through the token server; push and pull go through it; the API client lists repositories, tags and digests with Bearer tokens',
  { skip },
  async () => {
    const wrong = await cli(['login', registry.host, '--username', user, '--password-stdin'], 'not-the-password\n');
    assert.deepEqual(wrong.err, [
      `ds-containers login: ${registry.host} refused the login: wrong username or password`,
    ]);
    const login = await cli(['login', registry.host, '--username', user, '--password-stdin'], `${password}\n`);
    assert.equal(login.code, 0, login.err.join('\n'));

    const ref = await localImage('share14t/tok');
    const pushed = await cli(['push', ref]);
    assert.equal(pushed.code, 0, pushed.err.join('\n'));
    const digest = /\((sha256:[a-f0-9]{64})\)$/.exec(pushed.out.at(-1)!)?.[1];
    assert.ok(digest, pushed.out.join('\n'));

    const creds = { username: user, secret: password };
    const before = registry.tokens!.requests.length;
    assert.deepEqual(await listRepositories(registry.host, { creds }), ['share14t/tok']);
    assert.deepEqual(await listTags(registry.host, 'share14t/tok', { creds }), ['1']);
    assert.equal(await tagDigest(registry.host, 'share14t/tok', '1', { creds }), digest);
    // Each call fetched its token with the scope it needed, with the user's Basic credentials.
    assert.deepEqual(
      registry.tokens!.requests.slice(before).map((r) => [r.user, r.scopes.join(' '), r.granted.join(' ')]),
      [
        [user, 'registry:catalog:*', 'registry:catalog:*'],
        [user, 'repository:share14t/tok:pull', 'repository:share14t/tok:pull'],
        [user, 'repository:share14t/tok:pull', 'repository:share14t/tok:pull'],
      ],
    );

    // Anonymous: the token server gives a token without access, and the registry's refusal says "log in".
    await assert.rejects(
      listRepositories(registry.host),
      (e: Error) => e instanceof RegistryError && e.message === `${registry.host} needs a login`,
    );
    await assert.rejects(
      verifyLogin(registry.host, { username: user, secret: 'nope' }),
      (e: Error) => e.message === `${registry.host} refused the login: wrong username or password`,
    );

    await engine.removeImage(ref);
    const pulled = await cli(['pull', ref]);
    assert.equal(pulled.code, 0, pulled.err.join('\n'));
    assert.ok(await engine.imageSummary(ref), 'pulled through the token server');
    assert.ok(
      registry.tokens!.requests.some(
        (r) => r.user === user && r.scopes.some((s) => /^repository:share14t\/tok:.*push/.test(s)),
      ),
      'the engine asked the token server for push access',
    );
  },
);

test('a name the registry refuses to this user (outside its namespace) is one line, no stack', { skip }, async () => {
  const login = await cli(['login', registry.host, '--username', user, '--password-stdin'], `${password}\n`);
  assert.equal(login.code, 0, login.err.join('\n'));
  const ref = await localImage('someone-else/tok');
  const r = await cli(['push', ref]);
  assert.equal(r.code, 1);
  // The engine's progress lines, then one line that says what is wrong and what to do; no stack.
  const progress = r.err.slice(0, -1);
  assert.ok(
    progress.every((l) => /^(The push refers to repository |[0-9a-f]{12}: )/.test(l)),
    r.err.join('\n'),
  );
  assert.equal(
    r.err.at(-1),
    `ds-containers push: ${registry.host} refused the push to someone-else/tok ` +
      '(denied: requested access to the resource is denied): the login may not push there; ' +
      'push under a namespace your account owns, e.g. your user or team name',
  );
});
