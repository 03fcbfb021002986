// The engine's image data for InvalidBaseImagePlatform: asked with a time limit, remembered by the
// editor's cache, never a failure without an engine. (The docker tier asks a real engine.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlatformFactsCache, PlatformSource, platformFacts } from '../../src/node/dockerfile/platformFacts';

const engine = (images: Record<string, string>, calls: string[] = []): PlatformSource => ({
  imagePlatform: async (ref) => (calls.push(ref), images[ref]),
  version: async () => ({ os: 'linux', arch: 'amd64' }),
});
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

test('platformFacts: the local images found and the engine platform; nothing from a silent or absent engine', async () => {
  assert.deepEqual(await platformFacts(engine({ 'a:1': 'linux/arm64' }), ['a:1', 'b:1']), {
    imagePlatforms: { 'a:1': 'linux/arm64' },
    targetPlatform: 'linux/amd64',
  });
  const silent: PlatformSource = { imagePlatform: never, version: never };
  const t = Date.now();
  // The time limit's timer does not hold a process open (the CLI exits); this test's loop needs one.
  const alive = setInterval(() => undefined, 1000);
  assert.deepEqual(await platformFacts(silent, ['a:1'], 50), {});
  clearInterval(alive);
  assert.ok(Date.now() - t < 1000);
  const refusing: PlatformSource = {
    imagePlatform: () => Promise.reject(new Error('connect ENOENT')),
    version: () => Promise.reject(new Error('connect ENOENT')),
  };
  assert.deepEqual(await platformFacts(refusing, ['a:1'], 50), {});
});

test('PlatformFactsCache: known() is what was answered; refresh() asks once per ttl and says when answers change', async () => {
  const calls: string[] = [];
  const cache = new PlatformFactsCache(() => engine({ 'a:1': 'linux/arm64' }, calls), 60_000);
  assert.deepEqual(cache.known(['a:1']), {});
  assert.equal(await cache.refresh(['a:1']), true);
  assert.deepEqual(cache.known(['a:1']), { imagePlatforms: { 'a:1': 'linux/arm64' }, targetPlatform: 'linux/amd64' });
  assert.equal(await cache.refresh(['a:1']), false, 'fresh answers are not asked again');
  assert.deepEqual(calls, ['a:1']);
  assert.equal(await cache.refresh(['a:1', 'c:1']), false, 'a new image that is not here changes nothing');
  assert.deepEqual(calls, ['a:1', 'c:1']);
  const down = new PlatformFactsCache(() => {
    throw new Error('no engine');
  });
  assert.equal(await down.refresh(['a:1']), false);
  assert.deepEqual(down.known(['a:1']), {});
});
