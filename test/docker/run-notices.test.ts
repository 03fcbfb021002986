// Issue 26, defect 10, against the real engine: an app whose port is taken on the host is published elsewhere
// and says so (its banner shows the port it is really on), and a second `run` of a project whose Jupyter server
// runs says so with its URL instead of starting another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES } from './helpers';

const { copy, engine } = buildingEngine();

/** Holds 127.0.0.1:port (or finds it already held by someone else: busy either way). */
function hold(port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(undefined));
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

test(
  'the app port is taken on the host: published on another, said in one line, the banner shows that port',
  {
    timeout: 600_000,
  },
  async () => {
    const dir = copy(path.join(FIXTURES, 'launch', 'flask-main')).dir;
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'flask\n'); // offline: the stand-in's own Flask
    const busy = await hold(8080);
    let answer = 0;
    const io = captureIo(process.env);
    io.err = (l) => {
      io.stderr.push(l);
      const m = /^port 8080 → (http:\/\/127\.0\.0\.1:\d+)$/.exec(l);
      if (m)
        void fetch(`${m[1]}/predict`)
          .then((r) => (answer = r.status))
          .finally(() => io.abort());
    };
    setTimeout(() => io.abort(), 120_000).unref();
    try {
      assert.equal(await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-flask'], io), 130);
    } finally {
      busy?.close();
    }
    const all = [...io.stdout, ...io.stderr].join('\n');
    const moved = /port 8080 is in use on this machine, so the server is published on (\d+) instead/.exec(all);
    assert.ok(moved, all);
    assert.match(all, new RegExp(`Running on http://127\\.0\\.0\\.1:${moved[1]}`));
    assert.doesNotMatch(all, /Running on http:\/\/[\d.]+:8080/);
    assert.equal(answer, 200);
  },
);

test(
  'a second run of a project whose Jupyter server runs: it says so, with the URL, and starts nothing',
  {
    timeout: 600_000,
  },
  async () => {
    const { dir, tag } = copy(path.join(FIXTURES, 'real', 'notebook-helpers'));
    const ready: { url?: string } = {};
    let second: { code: number; out: string[] } | undefined;
    const first = captureIo(process.env, (l) => {
      const m = /^Jupyter is ready: (\S+)/.exec(l);
      if (!m || ready.url) return;
      ready.url = m[1];
      const again = captureIo(process.env);
      void main(['run', dir], again)
        .then((code) => (second = { code, out: again.stdout }))
        .finally(() => first.abort());
    });
    setTimeout(() => first.abort(), 180_000).unref();
    assert.equal(await main(['up', dir, '--no-pin', '--base-image', 'local/jupyter:3.11'], first), 130);
    assert.ok(ready.url, first.stderr.join('\n'));
    assert.equal(second?.code, 0);
    const token = new URL(ready.url).searchParams.get('token');
    const port = new URL(ready.url).port;
    assert.match(
      second!.out[0],
      new RegExp(
        `^Jupyter already runs for this project in container \\w{12}: http://127\\.0\\.0\\.1:${port}/\\?token=${token}$`,
      ),
    );
    assert.match(second!.out[1], /Nothing new was started; stop it with: docker stop \w{12}/);
    const ours = (await engine.listContainers()).filter((c) => c.labels['dsContainers.image'] === tag);
    assert.ok(
      ours.every((c) => c.state !== 'running'),
      'the first server is stopped, no second one started',
    );
  },
);
