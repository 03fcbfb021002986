// Cold build vs code-only rebuild of a generated project on the local engine (stand-in images).
// Cold: requirements.txt carries a fresh comment, so every layer from COPY requirements.txt on is
// rebuilt; rebuild: only the code changes, so BuildKit reuses the dependency layers.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../src/node/docker/engine';
import { resolveEndpoint } from '../src/node/docker/endpoint';
import { buildProject, BuildOutcome } from '../src/node/docker/build';
import { analyzeProject } from '../src/node/analyze';
import { generateAll, specFromAnalysis } from '../src/core/generate';

const ROUNDS = Number(process.env.DSC_BENCH_ROUNDS || 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bench-')), 'dsc-test-build-bench');
  fs.cpSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'projects', 'linear-classifier-script'), dir, {
    recursive: true,
  });
  const spec = specFromAnalysis(await analyzeProject(dir, { noPin: true }), { baseImage: 'local/python:3.11-scipy' });
  for (const [name, text] of Object.entries(generateAll(spec))) fs.writeFileSync(path.join(dir, name), text);
  const tag = 'dsc-test-build-bench:latest';
  const reqs = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  const code = fs.readFileSync(path.join(dir, 'train.py'), 'utf8');
  const build = async (): Promise<BuildOutcome> => {
    const r = await buildProject(engine, { dir, tag });
    if (!r.ok) throw new Error(`build failed: ${r.error}`);
    return r;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  let reused = 0;
  let steps = 0;
  try {
    for (let i = 0; i < ROUNDS; i++) {
      fs.writeFileSync(path.join(dir, 'requirements.txt'), `${reqs}# bench ${crypto.randomUUID()}\n`);
      cold.push((await build()).seconds);
      fs.writeFileSync(path.join(dir, 'train.py'), `${code}# edit ${crypto.randomUUID()}\n`);
      const r = await build();
      warm.push(r.seconds);
      reused = r.steps.filter((s) => s.cached).length;
      steps = r.steps.length;
    }
  } finally {
    await engine.removeBuiltImage(tag).catch(() => undefined);
    // each rebuild leaves the previous image untagged: remove those our builds labelled
    await engine.pruneDanglingImages(['dsContainers.project']).catch(() => undefined);
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  }
  const c = median(cold);
  const w = median(warm);
  console.log(
    `cold build (dependency layers rebuilt), median of ${ROUNDS}: ${c.toFixed(2)} s   [${cold.map((x) => x.toFixed(2)).join(', ')}]`,
  );
  console.log(
    `code-only rebuild, median of ${ROUNDS}: ${w.toFixed(2)} s   [${warm.map((x) => x.toFixed(2)).join(', ')}]   ${reused} of ${steps} steps from the cache`,
  );
  console.log(
    `ratio rebuild/cold: ${((w / c) * 100).toFixed(1)} %   (goal ≤ 5 %; the stand-in base image already holds the packages, so "cold" here is far cheaper than a real pip download)`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
