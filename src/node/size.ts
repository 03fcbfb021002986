import * as fs from 'fs';
import * as path from 'path';
import { Engine } from './docker/engine';
import { contextFiles } from './docker/context';
import { adviseSize, ProjectFacts, SizeReport } from '../core/size/advice';
import { MEASURED_PATHS, parseSizeProbe, SIZE_PROBE_PROGRAM, SizeProbe } from '../core/size/probe';
import { projectTag } from './projectTag';
import { analyzeProject } from './analyze';

// The image's python (python, else python3) runs the program with the arguments after it.
const SHELL =
  'for p in python python3; do if command -v "$p" >/dev/null 2>&1; then exec "$p" -c "$@"; fi; done; exit 127';

/** The image is not on this engine: the message says what to do. */
export class SizeTargetMissing extends Error {}

/**
 * Runs the size probe in the image with the image's own python, offline (network none), as a throw-away
 * container; the working directory is searched for data files.
 */
export async function probeSizes(engine: Engine, ref: string): Promise<SizeProbe> {
  const cfg = await engine.imageRunConfig(ref);
  let out = '';
  const decoder = new TextDecoder();
  const run = await engine.startRun(
    {
      image: ref,
      ports: [],
      autoRemove: true,
      network: 'none',
      labels: { 'dsContainers.probe': ref },
      // Root reads every cache (a non-root USER could not measure /root/.cache).
      user: '0',
      entrypoint: ['sh', '-c', SHELL, 'dsc-size', SIZE_PROBE_PROGRAM],
      cmd: [cfg.workdir || '/', JSON.stringify(MEASURED_PATHS)],
    },
    (s, d) => {
      if (s === 'stdout') out += decoder.decode(d, { stream: true });
    },
  );
  const code = await run.exit;
  await Promise.race([run.output, new Promise((r) => setTimeout(r, 2000))]);
  const parsed = parseSizeProbe(out);
  if (!parsed) throw new Error(`cannot measure ${ref}: its python did not answer (exit ${code})`);
  return parsed;
}

/**
 * The size report of an image, or of a project folder's image (its default tag) with what the project does: its
 * GPU use and GUI calls from the analysis, and the large files its build context would still send.
 */
export async function sizeReport(engine: Engine, target: string, o: { tag?: string } = {}): Promise<SizeReport> {
  const isDir = fs.existsSync(target) && fs.statSync(target).isDirectory();
  const ref = o.tag ?? (isDir ? projectTag(path.resolve(target)) : target);
  const summary = await engine.imageSummary(ref);
  if (!summary)
    throw new SizeTargetMissing(
      isDir ? `no image ${ref} for ${target}: build it first (ds-containers build ${target})` : `no image ${ref} here`,
    );
  const [layers, probe, project] = await Promise.all([
    engine.imageLayers(ref),
    probeSizes(engine, ref),
    isDir ? projectFacts(target) : Promise.resolve(undefined),
  ]);
  return {
    image: ref,
    totalBytes: summary.size,
    layers: layers.filter((l) => l.size > 0).sort((a, b) => b.size - a.size),
    dists: [...probe.dists].sort((a, b) => b.bytes - a.bytes),
    savings: adviseSize(probe, project),
  };
}

async function projectFacts(dir: string): Promise<ProjectFacts> {
  const analysis = await analyzeProject(dir, { offline: true, noPin: true, python: false });
  const listed = fs.existsSync(path.join(dir, 'Dockerfile')) ? contextFiles(dir) : undefined;
  return { gpu: analysis.gpu, guiCalls: !!analysis.guiCalls, contextLarge: listed?.keptLarge ?? [] };
}
