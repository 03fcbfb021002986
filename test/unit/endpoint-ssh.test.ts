import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { Engine, EngineUnreachable } from '../../src/node/docker/engine';

test('an ssh:// endpoint raises no Node deprecation warning (DEP0170) and fails as unreachable', async () => {
  const warnings: string[] = [];
  process.on('warning', (w) => warnings.push(`${(w as { code?: string }).code ?? ''} ${w.message}`));
  const engine = new Engine(resolveEndpoint({ env: { DOCKER_HOST: 'ssh://me@127.0.0.1:1' } }), 5000);
  await assert.rejects(
    engine.ping(),
    (e) => e instanceof EngineUnreachable && /cannot reach Docker at ssh:\/\/me@127\.0\.0\.1:1/.test(e.message),
  );
  await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
  assert.deepEqual(warnings, []);
});
