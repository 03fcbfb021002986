// Explorer figures on the real engine: event → tree-updated latency (goal < 0.5 s), and the time
// to list and build the trees for 500 containers and 500 images (created here, removed after).
import { performance } from 'perf_hooks';
import Docker from 'dockerode';
import { Engine } from '../src/node/docker/engine';
import { resolveEndpoint } from '../src/node/docker/endpoint';
import { ExplorerModel } from '../src/node/explorer/live';
import { containerTree, imageTree, leaves, DEFAULT_OPTIONS } from '../src/core/docker/tree';

const P = 'dsc-test-explorer-bench-';
const N = Number(process.env.DSC_BENCH_N || 500);
const docker = new Docker();
const engine = new Engine(resolveEndpoint({ env: process.env }), 60000);

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)].toFixed(0)} ms, p90 ${s[Math.floor(s.length * 0.9)].toFixed(0)} ms, max ${s.at(-1)!.toFixed(0)} ms (n=${s.length})`;
};

async function pool<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < jobs.length) {
        const k = i++;
        out[k] = await jobs[k]();
      }
    }),
  );
  return out;
}

async function latency(): Promise<void> {
  const model = new ExplorerModel(() => engine, { pollMs: 3_600_000 });
  model.setActive(true);
  while (model.state !== 'live' || !model.containers) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 600)); // past the first throttle window
  const fromEvent: number[] = [];
  const fromCall: number[] = [];
  const c = await docker.createContainer({
    Image: 'python:3.11-slim',
    name: `${P}latency`,
    Cmd: ['sleep', '600'],
    HostConfig: { Init: true },
  });
  try {
    for (let i = 0; i < 10; i++) {
      const want = i % 2 === 0 ? 'container:running' : 'container:exited';
      const shown = new Promise<number>((resolve) => {
        const off = model.onChange((k) => {
          if (k !== 'containers') return;
          const n = leaves(containerTree(model.containers!, DEFAULT_OPTIONS)).find((x) => x.label === `${P}latency`);
          if (n?.contextValue === want) {
            off();
            resolve(performance.now());
          }
        });
      });
      const t0 = performance.now();
      const eventAt0 = Date.now();
      if (i % 2 === 0) await c.start();
      else await c.stop({ t: 1 });
      const t1 = await shown;
      // lastEventAt is wall-clock: convert to the same scale as t1
      const eventDelay = Math.max(0, model.lastEventAt - eventAt0);
      fromCall.push(t1 - t0);
      fromEvent.push(t1 - t0 - eventDelay);
      await new Promise((r) => setTimeout(r, 700)); // each change in its own throttle window
    }
  } finally {
    model.dispose();
    await c.remove({ force: true });
  }
  console.log(`event → tree updated: ${stats(fromEvent)}   (goal < 500 ms)`);
  console.log(`engine call → tree updated: ${stats(fromCall)}`);
}

async function listing(): Promise<void> {
  console.log(`creating ${N} containers and ${N} images on python:3.11-slim…`);
  let t = performance.now();
  await pool(
    6,
    Array.from(
      { length: N },
      (_, i) => () =>
        docker.createContainer({
          Image: 'python:3.11-slim',
          name: `${P}c${i}`,
          Cmd: ['true'],
          Labels: { 'com.docker.compose.project': `${P}p${i % 20}` },
        }),
    ),
  );
  const base = await docker.createContainer({ Image: 'python:3.11-slim', name: `${P}base`, Cmd: ['true'] });
  await pool(
    4,
    Array.from(
      { length: N },
      (_, i) => () => base.commit({ repo: `${P}img`, tag: `v${i}`, changes: [`LABEL dsc-bench=${i}`] }),
    ),
  );
  console.log(`(setup took ${((performance.now() - t) / 1000).toFixed(0)} s)`);

  const lc: number[] = [],
    tc: number[] = [],
    li: number[] = [],
    ti: number[] = [],
    cold: number[] = [];
  for (let r = 0; r < 5; r++) {
    t = performance.now();
    const cs = await engine.listContainers();
    lc.push(performance.now() - t);
    t = performance.now();
    const ctree = containerTree(cs, DEFAULT_OPTIONS);
    tc.push(performance.now() - t);
    t = performance.now();
    const is = await engine.listImages();
    li.push(performance.now() - t);
    t = performance.now();
    const itree = imageTree(is, DEFAULT_OPTIONS, Date.now() / 1000);
    ti.push(performance.now() - t);
    if (leaves(ctree).length < N || leaves(itree).length < N)
      throw new Error(`expected ${N} of each, got ${leaves(ctree).length} containers, ${leaves(itree).length} images`);
    // a fresh model (nothing cached): first refresh of both lists until both trees are built
    const fresh = new ExplorerModel(() => new Engine(resolveEndpoint({ env: process.env }), 60000));
    t = performance.now();
    await fresh.refresh();
    containerTree(fresh.containers!, DEFAULT_OPTIONS);
    imageTree(fresh.images!, DEFAULT_OPTIONS, Date.now() / 1000);
    cold.push(performance.now() - t);
    fresh.dispose();
  }
  console.log(`list ${N}+ containers (engine): ${stats(lc)}; build tree: ${stats(tc)}`);
  console.log(`list ${N}+ images (engine): ${stats(li)}; build tree: ${stats(ti)}`);
  console.log(`cold refresh of both views (new model and engine client, both lists, both trees): ${stats(cold)}`);
}

async function cleanup(): Promise<void> {
  const cs = (await docker.listContainers({ all: true })).filter((c) => c.Names.some((n) => n.startsWith(`/${P}`)));
  await pool(
    6,
    cs.map(
      (c) => () =>
        docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
    ),
  );
  const is = (await docker.listImages()).filter((i) => (i.RepoTags ?? []).some((t) => t.startsWith(P)));
  await pool(
    6,
    is.map(
      (i) => () =>
        docker
          .getImage(i.Id)
          .remove({ force: true })
          .catch(() => undefined),
    ),
  );
}

(async () => {
  try {
    await cleanup();
    await latency();
    await listing();
  } finally {
    await cleanup();
  }
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
