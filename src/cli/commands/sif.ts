import * as fs from 'fs';
import * as path from 'path';
import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { engineFor } from './dockerShared';
import { imageTarget } from './imageTarget';
import { SifToolMissing, writeSif } from '../../node/provenance/sif';
import { ImageNotFound } from '../../node/docker/imageProbe';
import { renderSlurm } from '../../core/provenance/sif';
import { safeWrite } from '../../node/files';
import { apptainerFindings } from '../../core/provenance/apptainerLint';
import { formatFinding } from '../../core/findings';
import { projectOwnFolderWrites } from '../../node/provenance/ownFolderWrites';

export const sifCommand: CliCommand = {
  name: 'sif',
  usage: 'sif DIR|IMAGE [--tag TAG] [-o FILE.sif] [--gpu] [--force]',
  summary: 'write an Apptainer/Singularity image (SIF) of the built image, and a Slurm batch script that runs it',
  help: [
    'Needs no Apptainer: the image is exported through the engine, squashed with mksquashfs (squashfs-tools) ' +
      'and assembled with siftool. FILE.slurm beside it runs `apptainer run` on a cluster (--gpu: --nv and ' +
      "one GPU); a project folder is bound at the image's working directory. Existing files are replaced " +
      'only with --force.',
  ],
  async run(argv, io) {
    const a = parseArgs(argv, ['force', 'gpu'], ['tag', 'o', 'output']);
    const t = imageTarget(io, a.positional, a.flags.get('tag'));
    const o = a.flags.get('o') ?? a.flags.get('output');
    const base = t.dir ? path.basename(t.dir) : t.ref.replace(/[^A-Za-z0-9_.-]+/g, '_');
    const out =
      typeof o === 'string' ? path.resolve(io.cwd, o) : path.join(t.dir ? path.dirname(t.dir) : io.cwd, `${base}.sif`);
    const slurm = out.replace(/\.sif$/, '') + '.slurm';
    const force = a.flags.has('force');
    for (const f of [out, slurm])
      if (!force && fs.existsSync(f)) throw new CliError(`${f}: exists; left as it is (--force replaces it)`, 1);
    const engine = engineFor(io);
    let r;
    try {
      r = await writeSif(engine, t.ref, out);
    } catch (e) {
      if (e instanceof ImageNotFound || e instanceof SifToolMissing) throw new CliError(e.message, 1);
      throw e;
    }
    const workdir = (await engine.imageConfig(t.ref)).workdir;
    const script = renderSlurm({
      sif: path.basename(out),
      jobName: base,
      gpu: a.flags.has('gpu'),
      ...(t.dir && workdir ? { bind: { host: t.dir, container: workdir } } : {}),
    });
    await safeWrite(slurm, script, { overwrite: true });
    io.out(`${path.relative(io.cwd, r.file) || r.file}: ${(r.bytes / 1e6).toFixed(1)} MB SIF of ${t.ref}`);
    io.out(`${path.relative(io.cwd, slurm) || slurm}: Slurm batch script (sbatch it beside the SIF)`);
    // What Apptainer does differently from Docker (USER, ENTRYPOINT): notes on the project's Dockerfile.
    const df = t.dir ? path.join(t.dir, 'Dockerfile') : undefined;
    if (df && fs.existsSync(df))
      for (const f of apptainerFindings(fs.readFileSync(df, 'utf8')))
        io.out(formatFinding(path.relative(io.cwd, df) || df, f));
    for (const w of t.dir ? await projectOwnFolderWrites(t.dir) : [])
      io.out(
        `${w.file}:${w.line + 1}: \`${w.call}\` writes into the image, read-only under Apptainer: bind a folder there`,
      );
    return 0;
  },
};
