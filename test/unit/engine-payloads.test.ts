// The pure halves of the Docker client: the one container-create body, inspect shaping, and the
// stream helpers (JSON lines, demultiplexed output) that engine.ts feeds with the engine's streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { absentAs } from '../../src/node/docker/engine';
import { containerCreateBody } from '../../src/core/docker/create';
import {
  hostPortMap,
  imageFromInspect,
  layersFromHistory,
  runConfigFromInspect,
  runResultFromInspect,
} from '../../src/core/docker/shape';
import { endOf, framesToText, readJsonLines, readOutput } from '../../src/node/docker/streams';

const frame = (stream: 1 | 2, text: string) => {
  const body = Buffer.from(text);
  const h = Buffer.alloc(8);
  h[0] = stream;
  h.writeUInt32BE(body.length, 4);
  return Buffer.concat([h, body]);
};

test('every container we create: ports on 127.0.0.1, init, our labels; script and explorer variants', () => {
  const script = containerCreateBody(
    {
      image: 'proj:latest',
      name: 'proj-x',
      ports: [8888],
      autoRemove: true,
      labels: { 'dsContainers.mode': 'jupyter' },
      cmd: ['python', 'a.py', '--help'],
      mount: { host: '/p', container: '/app' },
    },
    'same',
  );
  assert.deepEqual(script, {
    Image: 'proj:latest',
    name: 'proj-x',
    Cmd: ['python', 'a.py', '--help'],
    Entrypoint: undefined,
    Env: undefined,
    Labels: { 'dsContainers.mode': 'jupyter' },
    Tty: false,
    OpenStdin: false,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    ExposedPorts: { '8888/tcp': {} },
    HostConfig: {
      Init: true,
      AutoRemove: true,
      PortBindings: { '8888/tcp': [{ HostIp: '127.0.0.1', HostPort: '8888' }] },
      Binds: ['/p:/app'],
    },
  });
  const interactive = containerCreateBody(
    { image: 'python:3.11-slim', ports: [8000, 9000], autoRemove: false, labels: {}, tty: true, stdin: true },
    'any',
  );
  assert.equal(interactive.Tty, true);
  assert.equal(interactive.OpenStdin, true);
  assert.equal(interactive.AttachStdin, true);
  const hc = interactive.HostConfig as {
    Init: boolean;
    AutoRemove: boolean;
    PortBindings: Record<string, { HostIp: string; HostPort: string }[]>;
    Binds?: string[];
  };
  assert.deepEqual(hc.PortBindings, {
    '8000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
    '9000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
  });
  assert.equal(hc.Init, true);
  assert.equal(hc.AutoRemove, false);
  assert.equal(hc.Binds, undefined);
});

test('inspect JSON shaped into our types, tolerant of missing fields', () => {
  const r = runResultFromInspect({
    Id: 'abc',
    Name: '/box',
    NetworkSettings: {
      Ports: {
        '8888/tcp': [
          { HostIp: '127.0.0.1', HostPort: '49153' },
          { HostIp: '::1', HostPort: '49154' },
        ],
        '53/udp': null,
      },
    },
  });
  assert.deepEqual(r, {
    id: 'abc',
    name: 'box',
    ports: [
      { containerPort: 8888, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 49153 },
      { containerPort: 8888, protocol: 'tcp', hostIp: '::1', hostPort: 49154 },
    ],
  });
  assert.deepEqual([...hostPortMap(r)], [[8888, 49153]]);
  assert.deepEqual(runResultFromInspect({ Id: 'x' }), { id: 'x', name: '', ports: [] });
  assert.deepEqual(
    runConfigFromInspect({
      Config: {
        Cmd: ['jupyter', 'lab'],
        Entrypoint: 'tini',
        ExposedPorts: { '8888/tcp': {}, '8888/udp': {} },
        Labels: { a: 'b' },
        WorkingDir: '/app',
        User: '1000',
      },
    }),
    {
      cmd: ['jupyter', 'lab'],
      entrypoint: ['tini'],
      exposed: [8888],
      labels: { a: 'b' },
      workdir: '/app',
      user: '1000',
    },
  );
  assert.deepEqual(runConfigFromInspect({}), {
    cmd: [],
    entrypoint: [],
    exposed: [],
    labels: {},
    workdir: '',
    user: '',
  });
  assert.deepEqual(
    layersFromHistory([
      { CreatedBy: 'RUN pip', Size: 5, Created: 2 },
      { CreatedBy: 'FROM', Size: 1, Created: 1 },
    ]).map((l) => l.createdBy),
    ['FROM', 'RUN pip'],
  );
  assert.deepEqual(
    imageFromInspect({
      Id: 'sha256:1',
      RepoTags: ['a:1'],
      Created: '2024-01-01T00:00:00Z',
      Size: 7,
      Config: { Labels: null },
    }),
    { id: 'sha256:1', tags: ['a:1'], created: 1704067200, size: 7, labels: {}, repoDigests: [] },
  );
  assert.deepEqual(imageFromInspect({ Id: 'sha256:2', RepoDigests: ['r/x@sha256:ab'] }).repoDigests, ['r/x@sha256:ab']);
});

test('JSON lines: split across chunks, bad and non-object lines reported, the last line flushed', async () => {
  const s = new PassThrough();
  const got: unknown[] = [];
  const bad: string[] = [];
  const flush = readJsonLines(
    s,
    (m) => got.push(m),
    (l) => bad.push(l),
  );
  s.write('{"a":1}\n{"b"');
  s.write(':2}\n\nnot json\n42\n{"c":3}');
  s.end();
  await endOf(s);
  flush();
  assert.deepEqual(got, [{ a: 1 }, { b: 2 }, { c: 3 }]);
  assert.deepEqual(bad, ['not json', '42']);
});

test('container output: demultiplexed without a TTY (frames split anywhere), as is with one; UTF-8 across frames', async () => {
  const s = new PassThrough();
  const text: string[] = [];
  readOutput(
    s,
    false,
    framesToText((t, which) => text.push(`${which}:${t}`)),
  );
  const euro = Buffer.from('€');
  // a frame carrying the euro sign's first byte, then one with the rest: the decoder joins them
  const first = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 1]), euro.subarray(0, 1)]);
  const rest = Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 2]), euro.subarray(1)]);
  const stream = Buffer.concat([frame(1, 'out '), frame(2, 'err'), first, rest]);
  for (let i = 0; i < stream.length; i += 3) s.write(stream.subarray(i, i + 3));
  s.end();
  await endOf(s);
  assert.deepEqual(text, ['stdout:out ', 'stderr:err', 'stdout:€']);

  const tty = new PassThrough();
  const raw: string[] = [];
  readOutput(
    tty,
    true,
    framesToText((t, which) => raw.push(`${which}:${t}`)),
  );
  tty.end(Buffer.from('\x01\x00plain'));
  await endOf(tty);
  assert.deepEqual(raw, ['stdout:\x01\x00plain']);
});

test('engine.ts: one demultiplexer (ours) and one place that creates containers', () => {
  const src = fs.readFileSync(path.resolve(__dirname, '../../../src/node/docker/engine.ts'), 'utf8');
  assert.doesNotMatch(src, /demuxStream/, "dockerode's demultiplexer is used beside core/docker/demux");
  assert.equal(src.match(/this\.api\.createContainer\(/g)?.length, 1);
});

test('absentAs: an engine 404 becomes the value given; other errors stay errors', async () => {
  const missing = Object.assign(new Error('No such image: x'), { statusCode: 404 });
  assert.equal(await Promise.reject(missing).catch(absentAs(false)), false);
  const refused = Object.assign(new Error('conflict'), { statusCode: 409 });
  await assert.rejects(Promise.reject(refused).catch(absentAs(undefined)), /conflict/);
});
