// Issue 26, defect 8, end to end: a requirements.txt whose `-r requirements/base.txt` names a local wheel
// (`./vendor/greet-0.1-py3-none-any.whl`). Before, only requirements.txt was in the image when pip ran, so the
// build failed ("Could not open requirements file"); now both are copied first and the script imports greet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo } from './helpers';

const { copy } = buildingEngine();

/** A pure-Python wheel with no dependencies, written by the host's Python (pip installs it without an index). */
function writeWheel(file: string): void {
  const program = [
    'import sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1], "w")',
    'z.writestr("greet/__init__.py", "def hello():\\n    return \\"hello from greet\\"\\n")',
    'z.writestr("greet-0.1.dist-info/METADATA", "Metadata-Version: 2.1\\nName: greet\\nVersion: 0.1\\n")',
    'z.writestr("greet-0.1.dist-info/WHEEL", "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\n' +
      'Tag: py3-none-any\\n")',
    'z.writestr("greet-0.1.dist-info/RECORD", "")',
    'z.close()',
  ].join('\n');
  const r = spawnSync('python3', ['-c', program, file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test(
  'up: a -r include naming a local wheel is in the image before pip runs; the script imports it',
  { timeout: 600_000 },
  async () => {
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-pip-inputs-'));
    fs.mkdirSync(path.join(src, 'requirements'));
    fs.mkdirSync(path.join(src, 'vendor'));
    writeWheel(path.join(src, 'vendor', 'greet-0.1-py3-none-any.whl'));
    fs.writeFileSync(path.join(src, 'requirements.txt'), '-r requirements/base.txt\n');
    fs.writeFileSync(path.join(src, 'requirements', 'base.txt'), './vendor/greet-0.1-py3-none-any.whl\n');
    fs.writeFileSync(path.join(src, 'main.py'), 'import greet\n\nprint(greet.hello())\n');
    const { dir } = copy(src);
    fs.rmSync(src, { recursive: true });
    const io = captureIo();
    const code = await main(['up', dir, '--no-pin', '--base-image', 'python:3.11-slim'], io);
    assert.equal(code, 0, [...io.stdout, ...io.stderr].join('\n'));
    assert.ok(io.stdout.includes('hello from greet'), io.stdout.join('\n'));
    const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /^COPY \["requirements\/base\.txt", "requirements\/base\.txt"\]$/m);
    assert.match(
      dockerfile,
      /^COPY \["vendor\/greet-0\.1-py3-none-any\.whl", "vendor\/greet-0\.1-py3-none-any\.whl"\]$/m,
    );
  },
);
