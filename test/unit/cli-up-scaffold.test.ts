// `up` scaffolds whatever is missing (never overwriting), then builds; checked with no engine, so it stops at the build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { recordingIo } from './analysis-samples';

test('up with a Dockerfile but no requirements.txt/compose/.dockerignore writes the missing ones, keeps the Dockerfile, no "Next:" hint', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-up-scaffold-'));
  const mine = 'FROM python:3.11-slim\nCOPY . .\nCMD ["python", "train.py"]\n';
  fs.writeFileSync(path.join(dir, 'Dockerfile'), mine);
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), 'services:\n  app:\n    build: .\n');
  fs.writeFileSync(path.join(dir, 'train.py'), 'import numpy\n\nif __name__ == "__main__":\n    pass\n');
  const io = { ...recordingIo(dir), env: { DOCKER_HOST: 'unix:///tmp/dsc-no-such-engine.sock' } };
  assert.equal(await main(['up', '.', '--no-pin'], io), 1, 'the build cannot reach the engine');
  assert.ok(fs.existsSync(path.join(dir, 'requirements.txt')));
  assert.ok(fs.existsSync(path.join(dir, '.dockerignore')));
  assert.ok(!fs.existsSync(path.join(dir, 'compose.yaml')), 'the user compose file counts');
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), mine);
  assert.doesNotMatch(io.stdout.join('\n'), /Next: docker compose/);
  assert.match(io.stderr.at(-1)!, /cannot reach Docker/);
  fs.rmSync(dir, { recursive: true });
});
