import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { contextFiles } from '../../src/node/docker/context';

function configDir(current: string | undefined, contexts: Record<string, string>, tls: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-endpoint-'));
  if (current) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ currentContext: current }));
  for (const [name, host] of Object.entries(contexts)) {
    const id = crypto.createHash('sha256').update(name).digest('hex');
    fs.mkdirSync(path.join(dir, 'contexts', 'meta', id), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'contexts', 'meta', id, 'meta.json'),
      JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
    );
    if (tls.includes(name)) {
      const t = path.join(dir, 'contexts', 'tls', id, 'docker');
      fs.mkdirSync(t, { recursive: true });
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(t, f), `PEM ${f}`);
    }
  }
  return dir;
}

test('the setting wins over DOCKER_HOST, which wins over the context', () => {
  const cfg = configDir('remote', { remote: 'tcp://10.0.0.5:2375' });
  const env = { DOCKER_HOST: 'tcp://127.0.0.1:2999', DOCKER_CONFIG: cfg };
  assert.deepEqual(resolveEndpoint({ setting: 'unix:///tmp/x.sock', env }), {
    url: 'unix:///tmp/x.sock',
    source: 'setting',
    socketPath: '/tmp/x.sock',
  });
  const h = resolveEndpoint({ env });
  assert.equal(h.source, 'DOCKER_HOST');
  assert.equal(h.host, '127.0.0.1');
  assert.equal(h.port, 2999);
  assert.equal(h.protocol, 'http');
  const c = resolveEndpoint({ env: { DOCKER_CONFIG: cfg } });
  assert.equal(c.source, 'context remote');
  assert.equal(c.host, '10.0.0.5');
});

test('DOCKER_CONTEXT overrides config.json; "default" and no config fall back to the socket', () => {
  const cfg = configDir('a', { a: 'tcp://1.1.1.1:1', b: 'unix:///run/b.sock' });
  assert.equal(resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'b' } }).socketPath, '/run/b.sock');
  assert.equal(resolveEndpoint({ env: { DOCKER_CONFIG: cfg, DOCKER_CONTEXT: 'default' } }).source, 'default');
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-endpoint-'));
  assert.deepEqual(resolveEndpoint({ env: {}, home: empty }), {
    url: 'unix:///var/run/docker.sock',
    source: 'default',
    socketPath: '/var/run/docker.sock',
  });
});

test('a context with TLS material becomes https; DOCKER_TLS_VERIFY reads DOCKER_CERT_PATH', () => {
  const cfg = configDir('secure', { secure: 'tcp://host.example:2376' }, ['secure']);
  const ep = resolveEndpoint({ env: { DOCKER_CONFIG: cfg } });
  assert.equal(ep.protocol, 'https');
  assert.equal(ep.tls?.ca, 'PEM ca.pem');
  const certs = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-certs-'));
  fs.writeFileSync(path.join(certs, 'cert.pem'), 'C');
  const v = resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs } });
  assert.equal(v.protocol, 'https');
  assert.equal(v.tls?.cert, 'C');
  assert.equal(resolveEndpoint({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '0' } }).protocol, 'http');
});

test('ssh hosts, and clear errors for bad hosts and contexts without an endpoint', () => {
  assert.deepEqual(resolveEndpoint({ env: { DOCKER_HOST: 'ssh://me@box:2222' } }), {
    url: 'ssh://me@box:2222',
    source: 'DOCKER_HOST',
    protocol: 'ssh',
    host: 'box',
    port: 2222,
    username: 'me',
  });
  assert.throws(
    () => resolveEndpoint({ setting: 'ftp://x', env: {} }),
    /unsupported Docker host "ftp:\/\/x" \(from setting\)/,
  );
  assert.throws(() => resolveEndpoint({ setting: 'not a url', env: {} }), /invalid Docker host/);
  const cfg = configDir('ghost', {});
  assert.throws(
    () => resolveEndpoint({ env: { DOCKER_CONFIG: cfg } }),
    /Docker context "ghost" has no stored endpoint/,
  );
});

test('build context: .dockerignore rules apply; .env, keys and .git never go in', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-ctx-'));
  const w = (rel: string, text = 'x') => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  for (const f of [
    'Dockerfile',
    'main.py',
    'src/model.py',
    'data/big.csv',
    'data/keep.csv',
    '.env',
    '.env.local',
    '.env.example',
    'deploy/id_rsa',
    'certs/server.pem',
    '.git/HEAD',
    'sub/.git/config',
    'notes.key',
  ])
    w(f);
  w('.dockerignore', 'data\n!data/keep.csv\n*.log\n');
  const { files, withheld } = contextFiles(dir);
  assert.deepEqual(files, ['.dockerignore', '.env.example', 'Dockerfile', 'data/keep.csv', 'main.py', 'src/model.py']);
  assert.deepEqual(withheld, [
    '.env',
    '.env.local',
    '.git',
    'certs/server.pem',
    'deploy/id_rsa',
    'notes.key',
    'sub/.git',
  ]);
});

test('CLI build with no engine at the endpoint: one clear line, exit 1', async () => {
  const { main } = await import('../../src/cli/main');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-noengine-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\n');
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io = {
    out: (l: string) => stdout.push(l),
    err: (l: string) => stderr.push(l),
    cwd: dir,
    env: { DOCKER_HOST: 'unix:///tmp/dsc-no-such-engine.sock' },
    signal: new AbortController().signal,
  };
  assert.equal(await main(['build', '.'], io), 1);
  assert.deepEqual(stderr, [
    'ds-containers build: cannot reach Docker at unix:///tmp/dsc-no-such-engine.sock: is the engine running?',
  ]);
  assert.equal(await main(['build', '.', '--tag', 'Bad Tag'], io), 2);
  assert.match(stderr.at(-1)!, /^ds-containers build: --tag "Bad Tag" has a space/);
  assert.equal(await main(['run', path.join(dir, 'missing')], io), 2);
  assert.match(stderr.at(-1)!, /^ds-containers run: not a folder: /);
});

test('a tcp:// host without a host name is rejected by name, not reported as unreachable', () => {
  assert.throws(() => resolveEndpoint({ env: { DOCKER_HOST: 'tcp://' } }), {
    message: 'invalid Docker host "tcp://" (from DOCKER_HOST): no host name (expected tcp://HOST:PORT)',
  });
  assert.throws(
    () => resolveEndpoint({ setting: 'tcp://:2375', env: {} }),
    /^Error: invalid Docker host "tcp:\/\/:2375" \(from setting\): /,
  );
  assert.throws(
    () => resolveEndpoint({ env: { DOCKER_HOST: 'ssh://' } }),
    /invalid Docker host "ssh:\/\/" \(from DOCKER_HOST\): no host name/,
  );
});
