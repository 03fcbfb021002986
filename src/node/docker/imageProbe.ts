// The one base-image probe: runs an image offline and reads its Python, Jupyter and installed
// distributions. Scaffold (pins from the image, Jupyter detection), lock and check all ask through
// here, and each image id is asked once: the answer is cached in memory and on disk.
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from './engine';
import {
  IMAGE_PROBE_PROGRAM,
  IMAGE_PROBE_SCHEMA,
  IMAGE_PROBE_SHELL,
  ImageFacts,
  parseImageProbe,
} from '../../core/environment/imageFacts';

export type { ImageFacts, InstalledDist } from '../../core/environment/imageFacts';
export { imageHasJupyter, frozenDistributions, minorOf } from '../../core/environment/imageFacts';

/** The image is not on this machine (nothing is pulled by a probe). */
export class ImageNotFound extends Error {
  constructor(readonly ref: string) {
    super(`image ${ref} is not on this machine (pull or build it first)`);
  }
}

export interface ImageProbeOptions {
  /**
   * Folder for the on-disk cache; default $DSC_CACHE_DIR, else $XDG_CACHE_HOME/ds-containers, else
   * ~/.cache/ds-containers.
   */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Labels for the short-lived probe container (so tests and the explorer can tell it apart). */
  labels?: Record<string, string>;
}

const memory = new Map<string, ImageFacts>();

/** The cache folder of the probe's answers (one JSON file per image id). */
export function probeCacheDir(o: ImageProbeOptions = {}): string {
  const env = o.env ?? process.env;
  if (o.cacheDir) return o.cacheDir;
  if (env.DSC_CACHE_DIR) return path.join(env.DSC_CACHE_DIR, 'image-probe');
  const base = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'ds-containers', 'image-probe');
}

/**
 * What `ref` (a tag or an id) has: Python version, Jupyter commands, every installed distribution,
 * plus the image's id, creation time and registry digests. The container runs with `--network none`,
 * its own PATH and user, and removes itself. An image without Python gives facts with `problem` set;
 * an image that is not here throws ImageNotFound.
 */
export async function probeImage(engine: Engine, ref: string, o: ImageProbeOptions = {}): Promise<ImageFacts> {
  const summary = await engine.imageSummary(ref);
  if (!summary) throw new ImageNotFound(ref);
  const base = { imageId: summary.id, created: summary.created, repoDigests: summary.repoDigests ?? [] };
  const hit = memory.get(summary.id) ?? (await readCache(probeCacheDir(o), summary.id));
  // Digests change when an image is pushed or pulled; the id, and so the Python part, does not.
  if (hit) {
    memory.set(summary.id, hit);
    return { ...hit, ...base };
  }
  const python = await runProbe(engine, summary.id, ref, o.labels ?? {});
  const facts: ImageFacts = { ...base, ...python };
  memory.set(summary.id, facts);
  await writeCache(probeCacheDir(o), facts);
  return facts;
}

/** Forgets cached answers (tests measure a cold probe). */
export function clearImageProbeMemory(): void {
  memory.clear();
}

async function runProbe(engine: Engine, id: string, ref: string, labels: Record<string, string>) {
  let out = '';
  const decoder = new TextDecoder();
  const run = await engine
    .startRun(
      {
        image: id,
        ports: [],
        autoRemove: true,
        network: 'none',
        labels: { 'dsContainers.probe': ref, ...labels },
        entrypoint: ['sh', '-c', IMAGE_PROBE_SHELL, 'dsc-probe', IMAGE_PROBE_PROGRAM],
        cmd: [],
      },
      (_s, d) => {
        out += decoder.decode(d, { stream: true });
      },
    )
    .catch((e: Error) => {
      if (/executable file not found|no such file or directory/i.test(e.message)) return undefined;
      throw e;
    });
  if (!run) return { jupyter: {}, distributions: [], problem: `cannot run a shell in ${ref} to look for Python` };
  const code = await run.exit;
  await Promise.race([run.output, new Promise((r) => setTimeout(r, 2000))]);
  let parsed: ReturnType<typeof parseImageProbe>;
  try {
    parsed = parseImageProbe(out);
  } catch {
    parsed = undefined;
  }
  if (!parsed) {
    const tail = out.trim().split('\n').slice(-2).join(' | ') || 'no output';
    return { jupyter: {}, distributions: [], problem: `Python did not answer in ${ref} (exit ${code}): ${tail}` };
  }
  return parsed;
}

function cacheFile(dir: string, id: string): string {
  return path.join(dir, `${id.replace(/^sha256:/, '').replace(/[^a-f0-9]/gi, '')}.json`);
}

async function readCache(dir: string, id: string): Promise<ImageFacts | undefined> {
  try {
    const c = JSON.parse(await fs.readFile(cacheFile(dir, id), 'utf8')) as { schema: number; facts: ImageFacts };
    return c.schema === IMAGE_PROBE_SCHEMA && c.facts?.imageId === id ? c.facts : undefined;
  } catch {
    return undefined;
  }
}

async function writeCache(dir: string, facts: ImageFacts): Promise<void> {
  // A cache that cannot be written costs one more probe next time, nothing else.
  try {
    await fs.mkdir(dir, { recursive: true });
    const file = cacheFile(dir, facts.imageId);
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify({ schema: IMAGE_PROBE_SCHEMA, facts }));
    await fs.rename(tmp, file);
  } catch {
    // ignored on purpose
  }
}
