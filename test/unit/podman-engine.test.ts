// Podman behind the Docker API: detected from /version, and its builder's progress read like Docker's classic one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineKindOf } from '../../src/core/docker/engineKind';
import { BuildProgress } from '../../src/core/docker/buildProgress';

test('the /version answer names the engine', () => {
  assert.equal(engineKindOf({ Components: [{ Name: 'Podman Engine' }, { Name: 'Conmon' }] }), 'podman');
  assert.equal(engineKindOf({ Components: [{ Name: 'Engine' }, { Name: 'containerd' }] }), 'docker');
  assert.equal(engineKindOf({}), 'docker');
});

test("Podman's build output (STEP N/M:, --> Using cache, COMMIT) becomes steps and cache hits", () => {
  const p = new BuildProgress();
  const events = [
    'STEP 1/3: FROM python:3.11-slim\n',
    'STEP 2/3: WORKDIR /app\n',
    '--> Using cache 3a4e6642ad3\n',
    '--> 3a4e6642ad3\n',
    'STEP 3/3: CMD ["python", "main.py"]\n',
    'COMMIT hello:latest\n',
    '--> e404ed91b62\n',
  ].flatMap((stream) => p.feed({ stream }));
  p.feed({ aux: { ID: 'sha256:e404ed91b622' } });
  assert.deepEqual(
    events.filter((e) => e.kind === 'step').map((e) => e.kind === 'step' && e.step.name),
    ['[1/3] FROM python:3.11-slim', '[2/3] WORKDIR /app', '[3/3] CMD ["python", "main.py"]'],
  );
  assert.deepEqual(
    events.filter((e) => e.kind === 'log'),
    [],
  );
  const r = p.report();
  assert.equal(r.ok, true);
  assert.deepEqual(
    r.steps.map((s) => s.cached),
    [false, true, false],
  );
});
