// Issue 24 on the real engine: `sif` writes a SIF of python:3.11-slim whose squashfs partition holds
// exactly the files of `docker export` of the image (plus Apptainer's /.singularity.d), siftool reads it,
// and the Slurm script passes `bash -n` and names the SIF. (No Apptainer runtime here: nothing runs it.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { captureIo } from './helpers';

const IMAGE = 'python:3.11-slim';

const norm = (p: string) => p.replace(/^\.\//, '').replace(/^\//, '').replace(/\/$/, '');

test('sif IMAGE --gpu: squashfs = docker export, siftool lists it, the Slurm script is valid bash', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'research-sif-'));
  const sif = path.join(work, 'slim.sif');
  const io = captureIo();
  assert.equal(await main(['sif', IMAGE, '-o', sif, '--gpu'], io), 0, io.stderr.join('\n'));
  const listed = execFileSync('siftool', ['list', sif], { encoding: 'utf8' });
  assert.match(listed, /Def\.FILE/i);
  assert.match(listed, /FS \(Squashfs\/\*System\/amd64\)/);

  // The export of the same image, listed by tar.
  const cid = execFileSync('docker', ['create', IMAGE], { encoding: 'utf8' }).trim();
  let exported: string[];
  try {
    const tar = path.join(work, 'export.tar');
    execFileSync('docker', ['export', '-o', tar, cid]);
    exported = execFileSync('tar', ['-tf', tar], { encoding: 'utf8', maxBuffer: 1 << 28 }).split('\n');
  } finally {
    execFileSync('docker', ['rm', '-f', cid]);
  }
  // The partition's files, from the SIF itself: dump the squashfs object, list it with unsquashfs.
  const id = /^(\d+)\s*\|.*\|FS \(Squashfs/m.exec(listed)?.[1];
  assert.ok(id, listed);
  const squash = path.join(work, 'part.squashfs');
  fs.writeFileSync(squash, execFileSync('siftool', ['dump', id, sif], { maxBuffer: 1 << 30 }));
  const inSif = execFileSync('unsquashfs', ['-l', '-d', '', squash], { encoding: 'utf8', maxBuffer: 1 << 28 })
    .split('\n')
    .filter((l) => l.startsWith('/') || l === '');
  const a = new Set(exported.map(norm).filter(Boolean));
  const b = new Set(inSif.map(norm).filter(Boolean));
  const ours = [...b].filter((p) => p === '.singularity.d' || p.startsWith('.singularity.d/')).sort();
  assert.deepEqual(ours, [
    '.singularity.d',
    '.singularity.d/env',
    '.singularity.d/env/10-docker2singularity.sh',
    '.singularity.d/labels.json',
    '.singularity.d/runscript',
  ]);
  for (const p of ours) b.delete(p);
  assert.ok(a.size > 1000, String(a.size));
  assert.deepEqual(
    [...a].filter((p) => !b.has(p)),
    [],
    'in the export, not in the SIF',
  );
  assert.deepEqual(
    [...b].filter((p) => !a.has(p)),
    [],
    'in the SIF, not in the export',
  );

  const slurm = path.join(work, 'slim.slurm');
  const script = fs.readFileSync(slurm, 'utf8');
  execFileSync('bash', ['-n', slurm]);
  assert.match(script, /^apptainer run --nv slim\.sif "\$@"$/m);
  assert.match(script, /^#SBATCH --gres=gpu:1$/m);

  const again = captureIo();
  assert.equal(await main(['sif', IMAGE, '-o', sif], again), 1);
  assert.match(again.stderr.join('\n'), /exists; left as it is/);
});
