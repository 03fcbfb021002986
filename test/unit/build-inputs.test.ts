// What `up` compares to decide that a build would only reuse its cache: the images a Dockerfile reads
// (core) and the digest of a build's inputs (node, with a stand-in engine that knows two images).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { dockerfileImages } from '../../src/core/docker/buildInputs';
import { buildInputs, changedSince, BuildInputs } from '../../src/node/docker/buildInputs';
import type { Engine } from '../../src/node/docker/engine';

test('dockerfileImages: the images a build reads, stages and scratch left out', () => {
  assert.deepEqual(dockerfileImages('FROM local/python:3.11-scipy\nWORKDIR /app\nCOPY . .\n'), {
    images: ['local/python:3.11-scipy'],
  });
  const multi = [
    '# a comment',
    'ARG PY=3.11',
    'ARG TAG="slim"',
    'FROM python:${PY}-$TAG AS Build',
    'RUN pip wheel . \\',
    '  # a comment inside the instruction',
    '  -w /wheels',
    'FROM scratch AS empty',
    'from build',
    'COPY --from=build /wheels /wheels',
    'COPY --from=0 /a /a',
    'COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv',
    'RUN --mount=type=cache,target=/root/.cache pip install /wheels/*',
  ].join('\n');
  assert.deepEqual(dockerfileImages(multi), { images: ['python:3.11-slim', 'ghcr.io/astral-sh/uv:0.5'] });
});

test('dockerfileImages: what a build may read beyond its images and context is unknown (always built)', () => {
  const unknown = (text: string) => {
    const r = dockerfileImages(text);
    assert.ok('unknown' in r, `${text}: ${JSON.stringify(r)}`);
    return r.unknown;
  };
  assert.equal(unknown('# syntax=docker/dockerfile:1\nFROM python:3.11\n'), 'a parser directive');
  assert.equal(unknown('FROM python:3.11\nADD https://example.com/data.csv /data/\n'), 'ADD from a URL');
  assert.equal(unknown('FROM python:3.11\nADD git@github.com:org/repo.git /src\n'), 'ADD from a URL');
  assert.equal(unknown('FROM python:3.11\nADD --checksum=sha256:abc data.tgz /d\n'), 'ADD from a URL');
  assert.match(unknown('FROM python:3.11\nRUN --mount=type=secret,id=token cat /run/secrets/token\n'), /^RUN/);
  assert.match(unknown('FROM python:3.11\nRUN --mount=from=tools,target=/t ls /t\n'), /^RUN/);
  assert.equal(unknown('FROM --platform=linux/arm64 python:3.11\n'), 'FROM --platform=linux/arm64');
  assert.equal(unknown('FROM python:${PY}\n'), 'FROM python:${PY}'); // no default: --build-arg territory
  assert.equal(unknown('ARG PY\nFROM python:${PY:-3.11}\n'), 'FROM python:${PY:-3.11}');
  assert.equal(unknown('FROM python:3.11\nRUN <<EOF\necho hi\nEOF\n'), 'a here-document');
  assert.equal(unknown('ARG NOTE="two words"\nFROM python:3.11\n'), 'an ARG default with spaces');
});

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-inputs-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM base:1\nCOPY . .\n');
  fs.writeFileSync(path.join(dir, 'main.py'), 'print("hello")\n');
  fs.mkdirSync(path.join(dir, 'pkg'));
  fs.writeFileSync(path.join(dir, 'pkg', 'big.bin'), Buffer.alloc(5 << 20, 7)); // over the in-memory size
  return dir;
}

const ids: Record<string, string> = { 'base:1': 'sha256:aaa', 'other:1': 'sha256:bbb' };
const engine = {
  imageSummary: async (ref: string) => (ids[ref] ? { id: ids[ref], labels: {} } : undefined),
} as unknown as Engine;

async function digestOf(dir: string, options: Record<string, unknown> = { labels: { a: '1' } }) {
  const r = await buildInputs(engine, {
    dir,
    dockerfile: 'Dockerfile',
    dockerfileText: fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
    files: ['Dockerfile', 'main.py', 'pkg/big.bin'],
    options,
  });
  assert.ok('digest' in r, JSON.stringify(r));
  return r;
}

test('buildInputs: the same digest for the same inputs; a change to content, mode, base image or options changes it', async () => {
  const dir = project();
  const first = (await digestOf(dir)).digest;
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal((await digestOf(dir)).digest, first);
  // Docker's cache ignores modification times; so does the digest.
  fs.utimesSync(path.join(dir, 'main.py'), new Date(2001, 1, 1), new Date(2001, 1, 1));
  assert.equal((await digestOf(dir)).digest, first);
  fs.writeFileSync(path.join(dir, 'main.py'), 'print("hello!")\n');
  const edited = (await digestOf(dir)).digest;
  assert.notEqual(edited, first);
  const big = path.join(dir, 'pkg', 'big.bin');
  const bytes = fs.readFileSync(big);
  bytes[bytes.length - 1] = 8; // the last byte of a file hashed as a stream
  fs.writeFileSync(big, bytes);
  const bigEdited = (await digestOf(dir)).digest;
  assert.notEqual(bigEdited, edited);
  fs.chmodSync(path.join(dir, 'main.py'), 0o755);
  const chmodded = (await digestOf(dir)).digest;
  assert.notEqual(chmodded, bigEdited);
  assert.notEqual((await digestOf(dir, { labels: { a: '2' } })).digest, chmodded);
  ids['base:1'] = 'sha256:ccc'; // the tag moved to another image
  assert.notEqual((await digestOf(dir)).digest, chmodded);
  ids['base:1'] = 'sha256:aaa';
  assert.equal((await digestOf(dir)).digest, chmodded);
  fs.rmSync(dir, { recursive: true });
});

test('buildInputs: unknown when a named image is not here (the build pulls it) or the Dockerfile reads more', async () => {
  const dir = project();
  const inputs = (text: string) =>
    buildInputs(engine, { dir, dockerfile: 'Dockerfile', dockerfileText: text, files: ['main.py'], options: {} });
  assert.deepEqual(await inputs('FROM missing:1\n'), { unknown: 'missing:1 is not here yet' });
  assert.deepEqual(await inputs('FROM base:1\nCOPY --from=missing:2 / /\n'), { unknown: 'missing:2 is not here yet' });
  assert.deepEqual(await inputs('FROM base:1\nADD https://example.com/x /x\n'), { unknown: 'ADD from a URL' });
  assert.ok('digest' in (await inputs('FROM base:1\nCOPY --from=other:1 / /\n')));
  fs.rmSync(dir, { recursive: true });
});

test('changedSince: a write after the inputs were read (during a build) is seen, even with the same size', async () => {
  const dir = project();
  const inputs = (await digestOf(dir)) as BuildInputs;
  assert.equal(await changedSince(dir, inputs), false);
  fs.writeFileSync(path.join(dir, 'main.py'), 'print("HELLO")\n'); // same length
  assert.equal(await changedSince(dir, inputs), true);
  const again = (await digestOf(dir)) as BuildInputs;
  fs.rmSync(path.join(dir, 'pkg', 'big.bin'));
  assert.equal(await changedSince(dir, again), true);
  fs.rmSync(dir, { recursive: true });
});
