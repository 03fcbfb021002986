// The inner loop, side by side with the Docker CLI doing the same work, on a built, unchanged script
// project: `ds-containers up` vs `docker build && docker run --rm`, and `ds-containers run` vs
// `docker run --rm` (medians of 5, alternating). Target: at most 1.2× the Docker CLI.
// DSC_BENCH_CLI=/path/to/dist/cli.js measures another build of the CLI (e.g. main's, for a before/after).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROUNDS = Number(process.env.DSC_BENCH_ROUNDS || 5);
const CLI = process.env.DSC_BENCH_CLI || path.join(__dirname, '..', '..', 'dist', 'cli.js');
const BASE = 'local/python:3.11-scipy';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds one command takes; it must succeed and print the script's line. */
function time(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 || !r.stdout.includes('trained'))
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return s;
}

function main(): void {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bench-')), 'dsc-bench-inner');
  fs.mkdirSync(dir);
  // About a second of work, like a small training script.
  fs.writeFileSync(
    path.join(dir, 'train.py'),
    'import time\nimport numpy as np\n\nif __name__ == "__main__":\n' +
      '    time.sleep(1.0)\n    print("trained", np.zeros(3).shape[0], "weights")\n',
  );
  const tag = 'dsc-bench-inner:latest';
  const legacy = { ...process.env, DOCKER_BUILDKIT: '0' }; // no buildx plugin here: the CLI's classic builder
  try {
    execFileSync('node', [CLI, 'up', dir, '--no-pin', '--base-image', BASE], { stdio: 'ignore' });
    execFileSync('docker', ['build', '-q', '-t', tag, dir], { env: legacy, stdio: 'ignore' }); // warm the CLI builder's cache
    const rows: Record<string, number[]> = { dockerUp: [], up: [], dockerRun: [], run: [] };
    for (let i = 0; i < ROUNDS; i++) {
      const t = process.hrtime.bigint();
      execFileSync('docker', ['build', '-q', '-t', tag, dir], { env: legacy, stdio: 'ignore' });
      rows.dockerUp.push(Number(process.hrtime.bigint() - t) / 1e9 + time('docker', ['run', '--rm', tag]));
      rows.up.push(time('node', [CLI, 'up', dir, '--tag', tag]));
      rows.dockerRun.push(time('docker', ['run', '--rm', tag]));
      rows.run.push(time('node', [CLI, 'run', dir, '--tag', tag]));
    }
    const line = (name: string, ours: number[], theirs: number[], what: string) => {
      const r = median(ours) / median(theirs);
      console.log(
        `${name.padEnd(4)} ${median(ours).toFixed(2)} s vs ${what} ${median(theirs).toFixed(2)} s: ${r.toFixed(2)}x ` +
          `(target ≤ 1.2x)   [${ours.map((x) => x.toFixed(2)).join(', ')}] / [${theirs.map((x) => x.toFixed(2)).join(', ')}]`,
      );
    };
    console.log(`CLI: ${CLI}; medians of ${ROUNDS}, a script of ~1.0 s on ${BASE}`);
    line('up', rows.up, rows.dockerUp, '`docker build && docker run --rm`');
    line('run', rows.run, rows.dockerRun, '`docker run --rm`');
  } finally {
    spawnSync('docker', ['rmi', '-f', tag], { stdio: 'ignore' });
    spawnSync('docker', ['image', 'prune', '-f', '--filter', 'label=dsContainers.project=' + dir], { stdio: 'ignore' });
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

main();
