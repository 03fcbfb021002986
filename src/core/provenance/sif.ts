// What a SIF needs besides the image's files, and the Slurm batch script that runs it. Apptainer reads the
// image's environment from /.singularity.d/env/ and its default command from /.singularity.d/runscript, as
// `apptainer build` from a Docker image writes them; USER, WORKDIR and ports it does not apply.

/** POSIX shell single-quoting: safe for any value. */
export function shq(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** /.singularity.d/env/10-docker2singularity.sh: the image's ENV (PATH of a virtual environment included). */
export function apptainerEnv(env: readonly string[]): string {
  const lines = ['#!/bin/sh', "# The Docker image's ENV, written by ds-containers sif."];
  for (const kv of env) {
    const i = kv.indexOf('=');
    if (i <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(kv.slice(0, i))) continue;
    lines.push(`export ${kv.slice(0, i)}=${shq(kv.slice(i + 1))}`);
  }
  return lines.join('\n') + '\n';
}

/** /.singularity.d/runscript: ENTRYPOINT + CMD, then the arguments `apptainer run` is given. */
export function apptainerRunscript(entrypoint: readonly string[], cmd: readonly string[], workdir: string): string {
  const argv = [...entrypoint, ...cmd];
  return [
    '#!/bin/sh',
    '# ENTRYPOINT and CMD of the Docker image, written by ds-containers sif.',
    ...(workdir ? [`cd ${shq(workdir)} 2>/dev/null || true`] : []),
    argv.length ? `exec ${argv.map(shq).join(' ')} "$@"` : 'exec /bin/sh "$@"',
    '',
  ].join('\n');
}

export interface SlurmOptions {
  sif: string;
  jobName: string;
  gpu: boolean;
  /** The command inside the image (default: the image's runscript via `apptainer run`). */
  command?: string[];
  /** The project folder bound at the image's working directory, so outputs land on the host. */
  bind?: { host: string; container: string };
  time?: string;
  cpus?: number;
  memory?: string;
}

/** A Slurm batch script: `apptainer exec` (or `run`) of the SIF, `--nv` with a GPU. Every value quoted. */
export function renderSlurm(o: SlurmOptions): string {
  const safeName = o.jobName.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64) || 'job';
  const flags = [...(o.gpu ? ['--nv'] : []), ...(o.bind ? ['--bind', `${o.bind.host}:${o.bind.container}`] : [])];
  const run = o.command?.length
    ? ['apptainer', 'exec', ...flags, o.sif, ...o.command]
    : ['apptainer', 'run', ...flags, o.sif];
  return [
    '#!/bin/bash',
    `#SBATCH --job-name=${safeName}`,
    `#SBATCH --time=${o.time ?? '01:00:00'}`,
    `#SBATCH --cpus-per-task=${o.cpus ?? 4}`,
    `#SBATCH --mem=${o.memory ?? '8G'}`,
    ...(o.gpu ? ['#SBATCH --gres=gpu:1'] : []),
    `#SBATCH --output=${safeName}-%j.out`,
    '# Written by ds-containers sif. Submit with: sbatch THIS_FILE',
    'set -euo pipefail',
    'module load apptainer 2>/dev/null || true  # clusters that ship Apptainer as a module',
    run.map(shq).join(' ') + ' "$@"',
    '',
  ].join('\n');
}
