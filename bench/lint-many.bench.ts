// `ds-containers lint` over 600 small generated Dockerfiles in one process (dist/cli.js): with ShellCheck on PATH
// and without it. A wrapper named shellcheck, first on PATH, counts the ShellCheck processes the run starts.
// Prints figures and targets; never fails on a timing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(__dirname, '../..');
// DSC_BENCH_CLI: another build's CLI (e.g. the main checkout's, for a before/after figure).
const CLI = process.env.DSC_BENCH_CLI || path.join(ROOT, 'dist/cli.js');
const FILES = 600;
const BASES = ['python:3.11-slim', 'local/python:3.11-scipy', 'local/jupyter:3.11', 'debian:12'];

/** A small Dockerfile with a few RUN scripts (some with findings), a base image out of four. */
function dockerfile(i: number): string {
  return [
    `FROM ${BASES[i % BASES.length]}`,
    'WORKDIR /app',
    'COPY requirements.txt .',
    `RUN pip install --no-cache-dir -r requirements.txt && echo step${i}`,
    i % 3 === 0 ? `RUN cd /tmp && echo $HOME${i}` : `RUN echo "built ${i}"`,
    `RUN for f in $(ls /app); do echo "$f ${i}"; done`,
    'COPY . .',
    'USER 1000',
    'CMD ["python", "main.py"]',
    '',
  ].join('\n');
}

function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, program);
    if (fs.existsSync(p)) return p;
  }
  return undefined;
}

function main(): void {
  if (!fs.existsSync(CLI)) throw new Error('run `npm run build` first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bench-lint-many-'));
  const files: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const f = `Dockerfile.${i}`;
    fs.writeFileSync(path.join(dir, f), dockerfile(i));
    files.push(f);
  }
  // PATH without ShellCheck: node's own folder and the system's basics, minus any folder that has shellcheck.
  const bare = [path.dirname(process.execPath), '/usr/bin', '/bin'].filter(
    (d) => !fs.existsSync(path.join(d, 'shellcheck')),
  );
  const real = which('shellcheck');
  const wrap = path.join(dir, 'wrap');
  const log = path.join(dir, 'shellcheck.log');
  if (real) {
    fs.mkdirSync(wrap);
    fs.writeFileSync(path.join(wrap, 'shellcheck'), `#!/bin/sh\necho x >> '${log}'\nexec '${real}' "$@"\n`, {
      mode: 0o755,
    });
  }
  const run = (label: string, PATH: string, extra: NodeJS.ProcessEnv = {}) => {
    fs.rmSync(log, { force: true });
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [CLI, 'lint', ...files], {
      cwd: dir,
      env: { ...process.env, PATH, ...extra },
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const ms = performance.now() - t0;
    const lines = r.stdout.split('\n').filter(Boolean);
    const sc = lines.filter((l) => / SC\d{4}:/.test(l)).length;
    const procs = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
    console.log(
      `lint ${FILES} Dockerfiles in one process, ${label}: ${(ms / 1000).toFixed(2)} s (exit ${r.status}; ` +
        `${lines.length} findings, ${sc} from ShellCheck; ${procs} ShellCheck processes)` +
        (label === 'with ShellCheck' ? '  [goal < 10 s]' : ''),
    );
    if (r.stderr.trim()) console.log(`  stderr: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
  };
  if (real) run('with ShellCheck', [wrap, ...bare].join(path.delimiter));
  else console.log('lint with ShellCheck: not measured (shellcheck is not installed)');
  run('without ShellCheck', bare.join(path.delimiter));
  run('without ShellCheck, no Docker engine (DOCKER_HOST=tcp://127.0.0.1:9)', bare.join(path.delimiter), {
    DOCKER_HOST: 'tcp://127.0.0.1:9',
    DSC_DOCKER_HOST: '',
  });
  console.log(`  machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main();
