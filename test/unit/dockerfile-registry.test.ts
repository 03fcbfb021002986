// Image-tag completion must never hang offline: the library's Docker Hub look-up gets a deadline
// and a cool-down. Tested against a local socket that accepts and never answers (a firewall that
// drops packets) and against the real network, which is unreachable on these machines.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as https from 'https';
import * as net from 'net';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { limitRegistryLookups } from '../../src/node/dockerfile/registry';

const service = DockerfileLanguageServiceFactory.createLanguageService();
const tagCompletion = async () => {
  const t0 = Date.now();
  const items = await service.computeCompletionItems('FROM python:3', { line: 0, character: 13 });
  return { items, ms: Date.now() - t0 };
};

let connections = 0;
const silent = net.createServer((sock) => {
  connections++;
  sock.on('error', () => {});
});
after(() => {
  silent.close();
  limitRegistryLookups();
});

function toSilentServer(): typeof https.get {
  const { port } = silent.address() as net.AddressInfo;
  return ((opts: https.RequestOptions, cb: never) =>
    https.get({ ...opts, hostname: '127.0.0.1', port }, cb)) as unknown as typeof https.get;
}

test(
  'a registry that never answers: tag completion gives up at the deadline, then stops asking',
  { timeout: 10000 },
  async () => {
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    limitRegistryLookups({ timeoutMs: 300, cooldownMs: 60_000, get: toSilentServer() });
    const first = await tagCompletion();
    assert.deepEqual(first.items, []);
    assert.equal(connections, 1, 'it did reach the (silent) registry');
    assert.ok(first.ms >= 250 && first.ms < 2000, `gave up after ${first.ms} ms`);
    const second = await tagCompletion();
    assert.deepEqual(second.items, []);
    assert.equal(connections, 1, 'no second connection during the cool-down');
    assert.ok(second.ms < 100, `answered in ${second.ms} ms`);
  },
);

test('look-ups turned off never touch the network', async () => {
  const before = connections;
  limitRegistryLookups({ enabled: false, get: toSilentServer() });
  const r = await tagCompletion();
  assert.deepEqual(r.items, []);
  assert.equal(connections, before);
  assert.ok(r.ms < 100);
});

test('the real network (unreachable on these machines): an answer within the default deadline, no error', async () => {
  limitRegistryLookups();
  const r = await tagCompletion();
  assert.ok(Array.isArray(r.items)); // empty offline; real tags where Docker Hub answers
  assert.ok(r.ms < 2500, `answered in ${r.ms} ms`);
});

test('instruction completion does not wait on the registry at all', async () => {
  limitRegistryLookups({ get: toSilentServer(), timeoutMs: 5000 });
  const t0 = Date.now();
  const items = await service.computeCompletionItems('FROM python:3.11-slim\nRU', { line: 1, character: 2 });
  assert.ok(items.some((i) => i.label === 'RUN'));
  assert.ok(Date.now() - t0 < 200);
});
