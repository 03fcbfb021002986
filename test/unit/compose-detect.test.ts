// The compose probe runs in the editor's extension host: it must not block it (no spawnSync), and it picks
// v2 (`docker compose`) over v1 (`docker-compose`) by what answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { detectCompose } from '../../src/node/compose';

function bin(scripts: Record<string, string>): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-compose-'));
  for (const [name, body] of Object.entries(scripts)) {
    fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
    fs.chmodSync(path.join(dir, name), 0o755);
  }
  return { PATH: dir };
}

test('compose: detected without blocking, v2 first, then v1, else none', async () => {
  const v2 = detectCompose(bin({ docker: '[ "$1" = compose ] && exit 0; exit 1' }));
  assert.ok(v2 instanceof Promise, 'a promise: the extension host goes on meanwhile');
  assert.deepEqual(await v2, { kind: 'v2', docker: 'docker' });
  assert.deepEqual(await detectCompose(bin({ docker: 'exit 1', 'docker-compose': 'exit 0' })), {
    kind: 'v1',
    binary: 'docker-compose',
  });
  assert.equal(await detectCompose(bin({})), undefined);
});
