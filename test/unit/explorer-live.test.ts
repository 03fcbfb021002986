// ExplorerModel with a scripted engine: throttled refresh on event bursts, reconnect with backoff,
// unreachable → live recovery, and nothing running while inactive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ExplorerModel } from '../../src/node/explorer/live';
import { Engine, EngineUnreachable } from '../../src/node/docker/engine';
import { ContainerInfo, EngineEvent } from '../../src/core/docker/types';

class FakeEngine {
  up = true;
  lists = 0;
  streams = 0;
  emit?: (e: EngineEvent) => void;
  private drop?: (e: Error) => void;
  containers: ContainerInfo[] = [];
  async listContainers() {
    this.lists++;
    if (!this.up) throw new EngineUnreachable('fake://engine');
    return this.containers;
  }
  async listImages() {
    if (!this.up) throw new EngineUnreachable('fake://engine');
    return [];
  }
  events(onEvent: (e: EngineEvent) => void, signal: AbortSignal, onOpen?: () => void): Promise<void> {
    if (!this.up) return Promise.reject(new EngineUnreachable('fake://engine'));
    this.streams++;
    this.emit = onEvent;
    onOpen?.();
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => resolve());
      this.drop = reject;
    });
  }
  goDown() {
    this.up = false;
    this.drop?.(new EngineUnreachable('fake://engine'));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ev = (action: string): EngineEvent => ({ type: 'container', action, id: 'x', time: 0 });

test('a burst of events refreshes at once, then once more at the end of the window', async () => {
  const fake = new FakeEngine();
  const m = new ExplorerModel(() => fake as unknown as Engine, { debounceMs: 100, pollMs: 60000 });
  m.setActive(true);
  await sleep(20);
  const before = fake.lists;
  for (const a of ['kill', 'die', 'stop', 'exec_start', 'destroy']) fake.emit!(ev(a));
  await sleep(20);
  assert.equal(fake.lists - before, 1, 'leading refresh');
  await sleep(150);
  assert.equal(fake.lists - before, 2, 'one trailing refresh for the rest of the burst');
  fake.emit!(ev('exec_create'));
  await sleep(150);
  assert.equal(fake.lists - before, 2, 'exec events do not refresh');
  m.dispose();
});

test('the engine goes away and comes back: unreachable, then live again with fresh lists', async () => {
  const fake = new FakeEngine();
  const m = new ExplorerModel(() => fake as unknown as Engine, { debounceMs: 50, pollMs: 60000, backoffMs: [30, 60] });
  const states: string[] = [];
  m.onChange((c) => c === 'state' && states.push(m.state));
  m.setActive(true);
  await sleep(30);
  assert.equal(m.state, 'live');
  fake.goDown();
  await sleep(100);
  assert.equal(m.state, 'unreachable');
  assert.match(m.reason!, /cannot reach Docker at fake:\/\/engine/);
  fake.containers = [
    {
      id: 'new',
      name: 'new',
      image: 'i',
      imageId: 'i',
      state: 'running',
      status: 'Up',
      created: 0,
      ports: [],
      labels: {},
    },
  ];
  fake.up = true;
  await sleep(150);
  assert.equal(m.state, 'live');
  assert.equal(m.containers?.[0].name, 'new');
  assert.deepEqual(states, ['live', 'unreachable', 'live']);
  m.dispose();
});

test('inactive: no stream, no listing; retry reconnects without waiting for the backoff', async () => {
  const fake = new FakeEngine();
  fake.up = false;
  const m = new ExplorerModel(() => fake as unknown as Engine, { pollMs: 60000, backoffMs: [60000] });
  await sleep(20);
  assert.equal(fake.lists, 0);
  m.setActive(true);
  await sleep(20);
  assert.equal(m.state, 'unreachable');
  fake.up = true;
  await m.retry();
  await sleep(20);
  assert.equal(m.state, 'live');
  assert.equal(fake.streams, 1, 'the event stream reconnected at once');
  m.setActive(false);
  const lists = fake.lists;
  fake.emit!(ev('start'));
  await sleep(20);
  assert.equal(fake.lists, lists, 'no refresh after deactivation');
  m.dispose();
});
