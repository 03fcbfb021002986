// The inner loop, side by side with the Docker CLI doing the same work, on a built, unchanged script
// project: `ds-containers up` vs `docker build && docker run --rm`, and `ds-containers run` vs
// `docker run --rm` (medians of 5, alternating). Target: at most 1.2× the Docker CLI. Then, after an edit of the
// script, both build and run again (informative: our BuildKit build against the CLI's classic builder).
// DSC_BENCH_CLI=/path/to/dist/cli.js measures another build of the CLI (e.g. main's, for a before/after).
// Each side has its own tag, as two users would: one side's build must not retag the image the other built
// (`up` then sees an image it did not build and builds again, which is not the unchanged case measured here).
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
  const tag = 'dsc-bench-inner:latest'; // ours (up's default tag for the folder)
  const cliTag = 'dsc-bench-inner-cli:latest'; // the Docker CLI's
  const cliImages: string[] = []; // the CLI's images of the edited script, removed at the end
  const legacy = { ...process.env, DOCKER_BUILDKIT: '0' }; // no buildx plugin here: the CLI's classic builder
  try {
    execFileSync('node', [CLI, 'up', dir, '--no-pin', '--base-image', BASE], { stdio: 'ignore' });
    execFileSync('docker', ['build', '-q', '-t', cliTag, dir], { env: legacy, stdio: 'ignore' }); // warm the CLI builder's cache
    const rows: Record<string, number[]> = { dockerUp: [], up: [], dockerRun: [], run: [] };
    for (let i = 0; i < ROUNDS; i++) {
      const t = process.hrtime.bigint();
      execFileSync('docker', ['build', '-q', '-t', cliTag, dir], { env: legacy, stdio: 'ignore' });
      rows.dockerUp.push(Number(process.hrtime.bigint() - t) / 1e9 + time('docker', ['run', '--rm', cliTag]));
      rows.up.push(time('node', [CLI, 'up', dir, '--tag', tag]));
      rows.dockerRun.push(time('docker', ['run', '--rm', cliTag]));
      rows.run.push(time('node', [CLI, 'run', dir, '--tag', tag]));
    }
    // After an edit of the script: both sides build (the code layer; dependencies from the cache) and run.
    const edited: Record<string, number[]> = { dockerUp: [], up: [] };
    for (let i = 0; i < ROUNDS; i++) {
      fs.appendFileSync(path.join(dir, 'train.py'), `# edit ${i} ${Date.now()}\n`);
      const t = process.hrtime.bigint();
      execFileSync('docker', ['build', '-q', '-t', cliTag, dir], { env: legacy, stdio: 'ignore' });
      edited.dockerUp.push(Number(process.hrtime.bigint() - t) / 1e9 + time('docker', ['run', '--rm', cliTag]));
      cliImages.push(
        execFileSync('docker', ['image', 'inspect', '-f', '{{.Id}}', cliTag], { encoding: 'utf8' }).trim(),
      );
      edited.up.push(time('node', [CLI, 'up', dir, '--tag', tag]));
    }
    const line = (name: string, ours: number[], theirs: number[], what: string, target = '(target ≤ 1.2x)') => {
      const r = median(ours) / median(theirs);
      console.log(
        `${name.padEnd(4)} ${median(ours).toFixed(2)} s vs ${what} ${median(theirs).toFixed(2)} s: ${r.toFixed(2)}x ` +
          `${target}   [${ours.map((x) => x.toFixed(2)).join(', ')}] / [${theirs.map((x) => x.toFixed(2)).join(', ')}]`,
      );
    };
    console.log(`CLI: ${CLI}; medians of ${ROUNDS}, a script of ~1.0 s on ${BASE}`);
    line('up', rows.up, rows.dockerUp, '`docker build && docker run --rm`');
    line('run', rows.run, rows.dockerRun, '`docker run --rm`');
    line('up after an edit:', edited.up, edited.dockerUp, 'the same', '(no target: BuildKit vs the classic builder)');
  } finally {
    spawnSync('docker', ['rmi', '-f', tag, cliTag, ...cliImages], { stdio: 'ignore' });
    spawnSync('docker', ['image', 'prune', '-f', '--filter', 'label=dsContainers.project=' + dir], { stdio: 'ignore' });
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
}

main();
