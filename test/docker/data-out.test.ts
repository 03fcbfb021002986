// Data stays out of the image: a project with a 300 MB file under data/ and a 60 MB checkpoint goes through `up`
// (and through compose); the script prints what it reads from both, and the image is less than 50 MB above its base.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, removeContainersOf } from './helpers';

const { engine, track } = buildingEngine(120000);
const MB = 1024 * 1024;

/** A sparse file of `size` bytes whose last 8 bytes are `tail` (what the script prints). */
function sparse(file: string, size: number, tail: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, size);
  fs.writeSync(fd, Buffer.from(tail), 0, 8, size - 8);
  fs.closeSync(fd);
}

function dataProject(): string {
  const rand = Math.random().toString(36).slice(2, 7);
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-')), `dsc-test-lean-data-${rand}`);
  fs.mkdirSync(dir);
  fs.chmodSync(path.dirname(dir), 0o755); // compose mounts the folder: the image's user must reach it
  sparse(path.join(dir, 'data', 'big.bin'), 300 * MB, 'DATA3000');
  sparse(path.join(dir, 'models', 'weights.pt'), 60 * MB, 'CKPT0060');
  fs.writeFileSync(path.join(dir, 'data', 'small.csv'), 'a,b\n1,2\n');
  fs.writeFileSync(
    path.join(dir, 'main.py'),
    [
      'import os',
      '',
      'def tail(p):',
      '    with open(p, "rb") as f:',
      '        f.seek(-8, 2)',
      '        return f.read().decode()',
      '',
      'if __name__ == "__main__":',
      '    big, ckpt = "data/big.bin", "models/weights.pt"',
      '    print(f"read {os.path.getsize(big) // 2**20} MB {tail(big)} {tail(ckpt)}", flush=True)',
      '',
    ].join('\n'),
  );
  return dir;
}

async function sizeAboveBase(tag: string): Promise<number> {
  const [image, base] = await Promise.all([engine.imageSummary(tag), engine.imageSummary('python:3.11-slim')]);
  return image!.size - base!.size;
}

test('up: data/ and a large checkpoint stay out of the image, the script reads them through the mount', async () => {
  const dir = dataProject();
  const tag = track(`${path.basename(dir)}:latest`);
  const io = captureIo();
  const code = await main(['up', dir, '--pins', 'none'], io);
  removeContainersOf(dir);
  assert.equal(code, 0, io.stderr.join('\n'));
  assert.ok(io.stdout.includes('read 300 MB DATA3000 CKPT0060'), io.stdout.join('\n'));
  const ignore = fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('data') && ignore.includes('models/weights.pt'), ignore.join('\n'));
  // Scaffold says what stays out, with the sizes, and how it reaches the container.
  const said = io.stdout.find((l) => l.startsWith('.dockerignore: left out of the image'));
  assert.match(said ?? io.stdout.join('\n'), /data\/ \(300 MB\), models\/weights\.pt \(60 MB, checkpoint\)/);
  const above = await sizeAboveBase(tag);
  assert.ok(above < 50 * MB, `image is ${Math.round(above / MB)} MB above its base`);
});

test('a !PATH line keeps a large file in: build warns, naming it; without it the context leaves it out', async () => {
  const dir = dataProject();
  const tag = track(`${path.basename(dir)}:latest`);
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "main.py"]\n',
  );
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'data\n!models/weights.pt\n');
  const io = captureIo();
  assert.equal(await main(['build', dir], io), 0, io.stderr.join('\n'));
  assert.ok(
    io.stderr.some((l) =>
      /^warning: the build context holds files above 50 MB .*models\/weights\.pt \(60 MB\)/.test(l),
    ),
    io.stderr.join('\n'),
  );
  assert.ok((await sizeAboveBase(tag)) > 55 * MB, 'the kept checkpoint is in the image');
  // No .dockerignore line for it: the threshold leaves it out, and build says so.
  fs.writeFileSync(path.join(dir, '.dockerignore'), 'data\n');
  const again = captureIo();
  assert.equal(await main(['build', dir], again), 0, again.stderr.join('\n'));
  assert.ok(
    again.stderr.some((l) => /^note: left out of the build context, above 50 MB: models\/weights\.pt/.test(l)),
    again.stderr.join('\n'),
  );
  assert.ok((await sizeAboveBase(tag)) < 50 * MB);
});

test('compose: the generated compose.yaml builds a small image and the run reads the data through its mount', async () => {
  const dir = dataProject();
  const io = captureIo();
  assert.equal(await main(['scaffold', dir, '--pins', 'none'], io), 0, io.stderr.join('\n'));
  const project = `dsclean${Math.random().toString(36).slice(2, 7)}`;
  const compose = (...args: string[]) =>
    spawnSync('docker-compose', ['-p', project, ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300000,
    });
  // compose.yaml names the image (`image:`, the tag Build and Run use too), so compose builds no second one.
  const named = /^\s*image:\s*(\S+)/m.exec(fs.readFileSync(path.join(dir, 'compose.yaml'), 'utf8'))?.[1];
  assert.ok(named, 'compose.yaml names no image');
  const image = track(named);
  try {
    const up = compose('up', '--build', '--abort-on-container-exit');
    assert.equal(up.status, 0, up.stdout + up.stderr);
    assert.match(up.stdout, /read 300 MB DATA3000 CKPT0060/);
    assert.ok((await sizeAboveBase(image)) < 50 * MB);
  } finally {
    compose('down');
  }
});
