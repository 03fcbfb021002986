// `sif`: a Singularity/Apptainer image from a built Docker image, without Apptainer: the image's
// filesystem (`docker export` through the engine) unpacked, Apptainer's metadata added, squashed with
// mksquashfs and assembled with siftool (Debian: squashfs-tools, siftool).
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../docker/engine';
import { ImageNotFound } from '../docker/imageProbe';
import { withIdleContainer } from './imageFiles';
import { apptainerEnv, apptainerRunscript } from '../../core/provenance/sif';

export class SifToolMissing extends Error {}

const ARCH: Record<string, string> = { amd64: '2', arm64: '4', ppc64le: '6', s390x: '11', '386': '1', arm: '3' };

function run(cmd: string, args: string[], stdin?: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr!.on('data', (d) => (err += String(d)));
    p.on('error', (e) =>
      reject(
        (e as NodeJS.ErrnoException).code === 'ENOENT'
          ? new SifToolMissing(
              `${cmd} is not installed (Debian: apt-get install ${cmd === 'siftool' ? 'siftool' : 'squashfs-tools'})`,
            )
          : e,
      ),
    );
    p.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} failed (${code}): ${err.trim().split('\n').slice(-2).join(' ')}`)),
    );
    if (stdin) {
      stdin.on('error', (e) => p.kill() && reject(e));
      stdin.pipe(p.stdin!);
    }
  });
}

/** Writes `out` (a .sif) from the image `ref`. */
export async function writeSif(engine: Engine, ref: string, out: string): Promise<{ file: string; bytes: number }> {
  const summary = await engine.imageSummary(ref);
  if (!summary) throw new ImageNotFound(ref);
  const cfg = await engine.imageConfig(ref);
  const arch = ARCH[cfg.architecture] ?? '2';
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'dsc-sif-'));
  try {
    const rootfs = path.join(work, 'rootfs');
    await fs.mkdir(rootfs);
    await withIdleContainer(engine, summary.id, {}, async (id) => {
      // GNU tar keeps modes, owners (as root), links and device nodes as the export has them.
      await run('tar', ['-x', '-p', '--numeric-owner', '-C', rootfs, '-f', '-'], await engine.exportContainer(id));
    });
    const meta = path.join(rootfs, '.singularity.d');
    await fs.mkdir(path.join(meta, 'env'), { recursive: true });
    await fs.writeFile(path.join(meta, 'env', '10-docker2singularity.sh'), apptainerEnv(cfg.env), { mode: 0o755 });
    await fs.writeFile(path.join(meta, 'runscript'), apptainerRunscript(cfg.entrypoint, cfg.cmd, cfg.workdir), {
      mode: 0o755,
    });
    await fs.writeFile(path.join(meta, 'labels.json'), JSON.stringify(cfg.labels, null, 2) + '\n');
    const squash = path.join(work, 'rootfs.squashfs');
    await run('mksquashfs', [rootfs, squash, '-noappend', '-no-progress', '-comp', 'gzip']);
    const def = path.join(work, 'image.def');
    await fs.writeFile(
      def,
      `Bootstrap: docker-daemon\nFrom: ${ref}\n# image ${summary.id}, written by ds-containers sif\n`,
    );
    const labels = path.join(work, 'labels.json');
    await fs.writeFile(labels, JSON.stringify(cfg.labels));
    const tmp = path.join(work, 'image.sif');
    await run('siftool', ['new', tmp]);
    await run('siftool', ['add', tmp, def, '--datatype', '1', '--groupid', '1']);
    await run('siftool', ['add', tmp, labels, '--datatype', '3', '--groupid', '1']);
    await run('siftool', [
      'add',
      tmp,
      squash,
      '--datatype',
      '4',
      '--parttype',
      '2',
      '--partfs',
      '1',
      '--partarch',
      arch,
      '--groupid',
      '1',
    ]);
    await fs.copyFile(tmp, out);
    return { file: out, bytes: (await fs.stat(out)).size };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
