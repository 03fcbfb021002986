// `lock` on an image with 300 distributions: the time beyond the container start (goal < 3 s). The image
// is built offline from the python:3.11-slim stand-in with 300 tiny dist-info folders written by a
// Python snippet. Cold: a fresh probe cache (the probe runs a container); cached: the answer per image id.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../src/node/docker/engine';
import { resolveEndpoint } from '../src/node/docker/endpoint';
import { buildProject } from '../src/node/docker/build';
import { clearImageProbeMemory } from '../src/node/docker/imageProbe';
import { lockProject } from '../src/node/lock';

const ROUNDS = Number(process.env.DSC_BENCH_ROUNDS || 3);
const DISTS = 300;
const TAG = 'dsc-bench-lock9b-dists:latest';
const BASE = 'python:3.11-slim';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');

// Writes DISTS dist-info folders (METADATA with Name and Version) into the image's site-packages.
const MAKE_DISTS = [
  'import os, site',
  'root = site.getsitepackages()[0]',
  `for i in range(${DISTS}):`,
  '    d = os.path.join(root, "dscbench_pkg%03d-1.0.%d.dist-info" % (i, i))',
  '    os.makedirs(d, exist_ok=True)',
  '    with open(os.path.join(d, "METADATA"), "w") as f:',
  '        f.write("Metadata-Version: 2.1\\nName: dscbench-pkg%03d\\nVersion: 1.0.%d\\n" % (i, i))',
  '',
].join('\n');

/** Seconds for one throw-away container of the image that does nothing: the start every probe pays. */
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
    console.log(`lock benchmark skipped: it needs a Docker engine (${(e as Error).message.split('\n')[0]})`);
    return;
  }
  if (!(await engine.imageSummary(BASE))) {
    console.log(`lock benchmark skipped: it needs the ${BASE} stand-in image (scripts/setup.sh builds it)`);
    return;
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bench-lock-'));
  const dir = path.join(work, 'project');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'make_dists.py'), MAKE_DISTS);
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM ${BASE}\nCOPY make_dists.py /tmp/\nRUN python /tmp/make_dists.py && rm /tmp/make_dists.py\n`,
  );
  const starts: number[] = [];
  const cold: number[] = [];
  const cached: number[] = [];
  let count = 0;
  try {
    const built = await buildProject(engine, { dir, tag: TAG });
    if (!built.ok) throw new Error(`build failed: ${built.error}`);
    await containerStart(engine); // the first run of a new image pays extra once: not counted
    for (let i = 0; i < ROUNDS; i++) {
      starts.push(await containerStart(engine));
      fs.rmSync(path.join(dir, 'requirements.lock'), { force: true });
      clearImageProbeMemory();
      const cacheDir = fs.mkdtempSync(path.join(work, 'cache-'));
      let t0 = performance.now();
      count = (await lockProject(engine, dir, TAG, { cacheDir })).count;
      cold.push((performance.now() - t0) / 1000);
      fs.rmSync(path.join(dir, 'requirements.lock'), { force: true });
      t0 = performance.now();
      await lockProject(engine, dir, TAG, { cacheDir });
      cached.push((performance.now() - t0) / 1000);
    }
  } finally {
    await engine.removeBuiltImage(TAG).catch(() => undefined);
    await engine.pruneDanglingImages(['dsContainers.project']).catch(() => undefined);
    fs.rmSync(work, { recursive: true, force: true });
  }
  const start = median(starts);
  const beyond = cold.map((c, i) => c - starts[i]);
  console.log(`container start (no-op, same image), median of ${ROUNDS}: ${start.toFixed(2)} s   [${fmt(starts)}]`);
  console.log(
    `lock of ${count} distributions, cold probe, median of ${ROUNDS}: ${median(cold).toFixed(2)} s   [${fmt(cold)}]`,
  );
  console.log(`  beyond the container start: ${median(beyond).toFixed(2)} s   [${fmt(beyond)}]   (goal < 3 s)`);
  console.log(`lock with the probe cached (per image id): ${median(cached).toFixed(2)} s   [${fmt(cached)}]`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
