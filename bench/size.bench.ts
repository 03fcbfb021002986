// `size IMAGE` (the size advisor) on an image with 300 distributions, each with a RECORD and a few files: the time
// beyond the container start (goal < 3 s). The image is built offline from the python:3.11-slim stand-in.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../src/node/docker/engine';
import { resolveEndpoint } from '../src/node/docker/endpoint';
import { buildProject } from '../src/node/docker/build';
import { sizeReport } from '../src/node/size';

const ROUNDS = Number(process.env.DSC_BENCH_ROUNDS || 3);
const DISTS = 300;
const TAG = 'lean-bench-size-dists:latest';
const BASE = 'python:3.11-slim';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');

// DISTS distributions of 5 files each (4 kB to 64 kB), listed in their RECORD as pip writes it.
const MAKE_DISTS = [
  'import os, site',
  'sp = site.getsitepackages()[0]',
  `for i in range(${DISTS}):`,
  '    name = "dscbench_pkg%03d" % i',
  '    info = os.path.join(sp, "%s-1.0.dist-info" % name)',
  '    os.makedirs(os.path.join(sp, name), exist_ok=True)',
  '    os.makedirs(info, exist_ok=True)',
  '    rec = []',
  '    for j in range(5):',
  '        rel = "%s/m%d.py" % (name, j)',
  '        with open(os.path.join(sp, rel), "wb") as f: f.write(b"#" * (4096 << (j % 5)))',
  '        rec.append(rel + ",,")',
  '    with open(os.path.join(info, "METADATA"), "w") as f:',
  '        f.write("Metadata-Version: 2.1\\nName: dscbench-pkg%03d\\nVersion: 1.0\\n" % i)',
  '    with open(os.path.join(info, "RECORD"), "w") as f: f.write("\\n".join(rec) + "\\n")',
  '',
].join('\n');

async function containerStart(engine: Engine): Promise<number> {
  const t0 = performance.now();
  const run = await engine.startRun(
    { image: TAG, ports: [], autoRemove: true, network: 'none', entrypoint: ['true'], cmd: [], labels: {} },
    () => undefined,
  );
  await run.exit;
  return (performance.now() - t0) / 1000;
}

async function main(): Promise<void> {
  const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
  try {
    await engine.ping();
  } catch (e) {
    console.log(`size benchmark skipped: it needs a Docker engine (${(e as Error).message.split('\n')[0]})`);
    return;
  }
  if (!(await engine.imageSummary(BASE))) {
    console.log(`size benchmark skipped: it needs the ${BASE} stand-in image (scripts/setup.sh builds it)`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bench-size-'));
  fs.writeFileSync(path.join(dir, 'make_dists.py'), MAKE_DISTS);
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${BASE}\nCOPY make_dists.py /tmp/\nRUN python /tmp/make_dists.py && rm /tmp/make_dists.py\n`,
  );
  const starts: number[] = [];
  const runs: number[] = [];
  let count = 0;
  try {
    const built = await buildProject(engine, { dir, tag: TAG });
    if (!built.ok) throw new Error(`build failed: ${built.error}`);
    await containerStart(engine); // the first run of a new image pays extra once: not counted
    for (let i = 0; i < ROUNDS; i++) {
      starts.push(await containerStart(engine));
      const t0 = performance.now();
      count = (await sizeReport(engine, TAG)).dists.length;
      runs.push((performance.now() - t0) / 1000);
    }
  } finally {
    await engine.removeBuiltImage(TAG).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const beyond = runs.map((c, i) => c - starts[i]);
  console.log(
    `container start (no-op, same image), median of ${ROUNDS}: ${median(starts).toFixed(2)} s   [${fmt(starts)}]`,
  );
  console.log(
    `size advisor on ${count} distributions, median of ${ROUNDS}: ${median(runs).toFixed(2)} s   [${fmt(runs)}]`,
  );
  console.log(`  beyond the container start: ${median(beyond).toFixed(2)} s   [${fmt(beyond)}]   (goal < 3 s)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
