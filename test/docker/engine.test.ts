// Smoke: the real engine and the offline stand-in images answer through dockerode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { PassThrough } from 'stream';
import { Engine, EngineUnreachable } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';

const docker = new Docker();

test('the engine answers through Engine and speaks API 1.41 or later', async () => {
  const engine = new Engine(resolveEndpoint({ env: process.env }));
  await engine.ping();
  const v = await engine.version();
  assert.ok(Number(v.apiVersion) >= 1.41, `API ${v.apiVersion}`);
});

test('an unreachable engine is one clear error', async () => {
  const engine = new Engine(resolveEndpoint({ setting: 'unix:///tmp/no-such-docker.sock', env: {} }), 2000);
  await assert.rejects(
    engine.ping(),
    (e: Error) =>
      e instanceof EngineUnreachable &&
      e.message === 'cannot reach Docker at unix:///tmp/no-such-docker.sock: is the engine running?',
  );
});

test('the stand-in images exist', async () => {
  const tags = (await docker.listImages()).flatMap((i) => i.RepoTags ?? []);
  for (const t of ['python:3.11-slim', 'local/python:3.11-scipy', 'local/jupyter:3.11'])
    assert.ok(tags.includes(t), `${t} missing`);
});

test('python runs in the slim stand-in', async () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const [res, c] = await docker.run(
    'python:3.11-slim',
    ['python', '-c', 'import sys; print(sys.version_info[:2])'],
    out,
    { HostConfig: { AutoRemove: true }, Tty: true },
  );
  assert.equal(res.StatusCode, 0);
  assert.match(text, /\(3, 11\)/);
  void c;
});
