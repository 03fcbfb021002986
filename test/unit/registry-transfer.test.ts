// Push and pull refusals as one line each, over a fake engine that answers with the error texts the
// engine relays from real registries (distribution's NAME_INVALID, Docker Hub's denied, a dead host).
// The real round trip is the docker tier's registry-login-push.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transferImage } from '../../src/node/registry/transfer';
import type { Engine } from '../../src/node/docker/engine';

function engineAnswering(error: string | undefined, messages: object[] = []): Engine {
  return {
    transfer: async (_k: string, _r: string, _a: unknown, on: (m: object) => void) => {
      for (const m of messages) on(m);
      return error;
    },
  } as unknown as Engine;
}

const env = (auth?: string): NodeJS.ProcessEnv => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-share14b-transfer-'));
  if (auth) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'reg.example.com': { auth } } }));
  return { DOCKER_CONFIG: dir, PATH: process.env.PATH };
};
const refusal = (e: Engine, kind: 'push' | 'pull', e2: NodeJS.ProcessEnv, hint?: string) =>
  transferImage(e, kind, 'reg.example.com/team/churn:1', { env: e2, loginHint: hint }).then(
    () => 'accepted',
    (err: Error) => err.message,
  );

test('transfer refusals: a name the registry rejects, no login, a stale login, a dead host, a missing image', async () => {
  const creds = Buffer.from('me:old').toString('base64');
  assert.equal(
    await refusal(engineAnswering('name invalid: invalid repository name'), 'push', env()),
    'reg.example.com rejected the name: name invalid: invalid repository name',
  );
  assert.equal(
    await refusal(engineAnswering('denied: requested access to the resource is denied'), 'push', env()),
    'reg.example.com refused the push: log in first with ds-containers login reg.example.com',
  );
  assert.equal(
    await refusal(engineAnswering('unauthorized: authentication required'), 'push', env(creds), 'Log In in the view'),
    'reg.example.com refused the push with the stored credentials (unauthorized: authentication required): ' +
      'log in again with Log In in the view',
  );
  // Logged in, and denied: the name is the problem (someone else's namespace), not the login.
  assert.equal(
    await refusal(engineAnswering('denied: requested access to the resource is denied'), 'push', env(creds)),
    'reg.example.com refused the push to team/churn (denied: requested access to the resource is denied): ' +
      'the login may not push there; push under a namespace your account owns, e.g. your user or team name',
  );
  assert.match(
    await refusal(
      engineAnswering('Get "https://reg.example.com/v2/": dial tcp: lookup reg.example.com: no such host'),
      'pull',
      env(),
    ),
    /^cannot reach the registry at reg\.example\.com: Get /,
  );
  assert.match(
    await refusal(
      engineAnswering('manifest for reg.example.com/team/churn:1 not found: manifest unknown'),
      'pull',
      env(),
    ),
    /^reg\.example\.com has no such image: /,
  );
  assert.equal(
    await refusal(engineAnswering('something odd\nsecond line'), 'push', env()),
    'push failed: something odd',
  );
});

test('transfer: the digest comes from the push stream; progress is one line per layer and state', async () => {
  const digest = `sha256:${'a'.repeat(64)}`;
  const lines: string[] = [];
  const r = await transferImage(
    engineAnswering(undefined, [
      { status: 'Preparing', id: 'l1' },
      { status: 'Pushing', id: 'l1', progress: '[=>  ]' },
      { status: 'Pushing', id: 'l1', progress: '[==> ]' },
      { status: 'Pushed', id: 'l1' },
      { status: `1: digest: ${digest} size: 529`, aux: { Tag: '1', Digest: digest, Size: 529 } },
    ]),
    'push',
    'reg.example.com/team/churn:1',
    { env: env(), onLine: (l) => lines.push(l) },
  );
  assert.equal(r.digest, digest);
  assert.deepEqual(lines, ['l1: Preparing', 'l1: Pushing', 'l1: Pushed', `1: digest: ${digest} size: 529`]);
});
