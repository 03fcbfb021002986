// `ds-containers lint` over a few hundred damaged Dockerfiles in one process (the bundled CLI, as a
// user runs it): every file gets its findings, nothing prints a stack trace, and it returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, mutatedDockerfiles } from './dockerfile-mutations';

test('lint of 300 damaged Dockerfiles in one CLI process: findings in the usual format, no stack trace', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-damaged-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = mutatedDockerfiles(300, 600).map((text, i) => {
    const f = `Dockerfile.${i}`;
    fs.writeFileSync(path.join(dir, f), text);
    return f;
  });
  // The timeout is a hang guard far above the normal few seconds (bench/lint.bench.ts prints the figure).
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lint', ...files], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 << 20,
  });
  assert.equal(r.error, undefined, String(r.error));
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 500)}`);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.stderr, '');
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.ok(lines.length > 300);
  for (const l of lines) assert.match(l, /^Dockerfile\.\d+:\d+:\d+: (error|warning|information|hint) [\w]*: ./s, l);
  assert.ok(
    !lines.some((l) => /could not (check|read) this file/.test(l)),
    lines.find((l) => /could not/.test(l)),
  );
});
