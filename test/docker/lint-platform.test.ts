// InvalidBaseImagePlatform with a real engine's image data: a local base image made for another
// architecture than the engine's (loaded offline from a hand-made image archive) is named by `lint`,
// a native stand-in image is not.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { captureIo } from './helpers';

const docker = new Docker();
const TAG = 'dsc-test-lint-platform/foreign:1';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lint-platform-'));

after(async () => {
  await docker
    .getImage(TAG)
    .remove({ force: true })
    .catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `docker load` of an image with one empty layer whose config says `linux/ARCH` (no registry needed). */
async function loadForeignImage(arch: string): Promise<void> {
  const img = path.join(dir, 'image');
  fs.mkdirSync(img);
  assert.equal(spawnSync('tar', ['cf', path.join(img, 'layer.tar'), '-T', '/dev/null']).status, 0);
  const diff = createHash('sha256')
    .update(fs.readFileSync(path.join(img, 'layer.tar')))
    .digest('hex');
  const config = {
    architecture: arch,
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [`sha256:${diff}`] },
  };
  fs.writeFileSync(path.join(img, 'config.json'), JSON.stringify(config));
  fs.writeFileSync(
    path.join(img, 'manifest.json'),
    JSON.stringify([{ Config: 'config.json', RepoTags: [TAG], Layers: ['layer.tar'] }]),
  );
  const archive = path.join(dir, 'image.tar');
  assert.equal(spawnSync('tar', ['cf', archive, '-C', img, 'manifest.json', 'config.json', 'layer.tar']).status, 0);
  const stream = await docker.loadImage(fs.createReadStream(archive));
  await new Promise((resolve, reject) => docker.modem.followProgress(stream, (e) => (e ? reject(e) : resolve(null))));
}

test('lint names a local base image pulled for another platform than the engine builds for', async () => {
  const engine = new Engine(resolveEndpoint({ env: process.env }));
  const native = (await engine.version()).arch;
  const foreign = native === 'arm64' ? 'amd64' : 'arm64';
  await loadForeignImage(foreign);
  assert.equal(await engine.imagePlatform(TAG), `linux/${foreign}`);
  assert.equal(await engine.imagePlatform('python:3.11-slim'), `linux/${native}`);

  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM python:3.11-slim AS native\nRUN true\n\nFROM ${TAG}\nCOPY --from=native /etc/hostname /x\nUSER 1000\n`,
  );
  const io = captureIo(process.env);
  io.cwd = dir;
  await main(['lint', 'Dockerfile'], io);
  assert.deepEqual(
    io.stdout.filter((l) => l.includes('InvalidBaseImagePlatform')),
    [
      `Dockerfile:4:6: warning InvalidBaseImagePlatform: Base image ${TAG} was pulled with platform "linux/${foreign}", expected "linux/${native}" for current build.`,
    ],
  );
});
