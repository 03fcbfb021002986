// `ds-containers lint` of many Dockerfiles asks the engine about each base image once, however many files name
// it (a question per file made 600 files a minute's work). The engine here is a small HTTP server on a unix
// socket that answers the Engine API's version and image-inspect calls and counts them: a unit test of the CLI's
// batching, not a proof of the engine calls (the docker tier has those).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { captureIo } from './cli-io';

test('lint of 12 files naming 3 base images asks the engine about each image once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lint-once-'));
  const sock = path.join(dir, 'engine.sock');
  const asked = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(req.url ?? '');
    const image = /\/images\/(.+)\/json/.exec(url)?.[1];
    if (image) asked.set(image, (asked.get(image) ?? 0) + 1);
    const body = url.includes('/version')
      ? { Os: 'linux', Arch: 'amd64', ApiVersion: '1.43', Version: '28.2.2' }
      : image
        ? {
            Id: `sha256:${'0'.repeat(64)}`,
            Os: 'linux',
            Architecture: 'amd64',
            Config: { User: '' },
            RepoTags: [image],
          }
        : {};
    res.writeHead(200, { 'content-type': 'application/json', 'api-version': '1.43' });
    res.end(url.includes('/_ping') ? 'OK' : JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(sock, r));
  try {
    const bases = ['python:3.11-slim', 'debian:12', 'local/jupyter:3.11'];
    const files = Array.from({ length: 12 }, (_, i) => {
      const f = `Dockerfile.${i}`;
      fs.writeFileSync(path.join(dir, f), `FROM ${bases[i % 3]}\nRUN echo ${i}\nUSER 1000\nCMD ["python"]\n`);
      return f;
    });
    const io = captureIo(dir);
    io.env = { ...io.env, DOCKER_HOST: `unix://${sock}`, PATH: process.env.PATH };
    await main(['lint', ...files], io);
    assert.deepEqual([...asked].sort(), bases.map((b) => [b, 1]).sort(), 'each base image asked once; every one asked');
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
