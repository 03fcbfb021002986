// Smoke: the real engine and the offline stand-in images answer through dockerode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Docker from 'dockerode';
import { PassThrough } from 'stream';

const docker = new Docker();

test('the engine answers and speaks API 1.41 or later', async () => {
  const v = await docker.version();
  assert.ok(Number(v.ApiVersion) >= 1.41, `API ${v.ApiVersion}`);
});

test('the stand-in images exist', async () => {
  const tags = (await docker.listImages()).flatMap((i) => i.RepoTags ?? []);
  for (const t of ['python:3.11-slim', 'local/python:3.11-scipy', 'local/jupyter:3.11']) assert.ok(tags.includes(t), `${t} missing`);
});

test('python runs in the slim stand-in', async () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const [res, c] = await docker.run('python:3.11-slim', ['python', '-c', 'import sys; print(sys.version_info[:2])'], out, { HostConfig: { AutoRemove: true }, Tty: true });
  assert.equal(res.StatusCode, 0);
  assert.match(text, /\(3, 11\)/);
  void c;
});
