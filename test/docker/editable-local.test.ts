// Issue 26, defect 8, end to end: requirements.txt says `-e ./libs/mylib`, a package folder of the project. Before,
// only requirements.txt was in the image when pip ran, so the build failed; now the folder is copied to its own
// path under /app first, the editable install points there, and the image imports it without the project mounted.
// The package has a setup.py, not a pyproject.toml: offline, pip would fill a pyproject.toml build's isolated
// environment from the index, while a setup.py one builds with the setuptools the image has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES } from './helpers';

const { copy } = buildingEngine();

test(
  'up: an editable local folder from requirements.txt installs; the image imports it from its /app path',
  { timeout: 600_000 },
  async () => {
    const { dir, tag } = copy(path.join(FIXTURES, 'issue26', 'editable-local'));
    const io = captureIo();
    const code = await main(['up', dir, '--no-pin', '--base-image', 'python:3.11-slim'], io);
    const said = [...io.stdout, ...io.stderr].join('\n');
    assert.equal(code, 0, said);
    assert.ok(io.stdout.includes('hello from mylib'), said);
    assert.ok(!/project of its own|not a known distribution/.test(said), said);
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^COPY \["libs\/mylib", "libs\/mylib"\]$/m);
    // The image alone (no project mount): the editable install resolves to the folder the image copied.
    const r = spawnSync(
      'docker',
      ['run', '--rm', '--network', 'none', tag, 'python', '-c', 'import mylib; print(mylib.__file__)'],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), '/app/libs/mylib/mylib/__init__.py');
  },
);
