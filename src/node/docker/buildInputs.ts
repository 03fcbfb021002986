import * as crypto from 'crypto';
import { BigIntStats, createReadStream, promises as fs } from 'fs';
import * as path from 'path';
import type { Engine } from './engine';
import { dockerfileImages } from '../../core/docker/buildInputs';

/**
 * The label every image we build carries: a digest of what it was built from (see buildInputs). `up`
 * compares it with the digest of the inputs it has now and, when they are the same, builds nothing: a
 * build would only have reused its cache and tagged the same image.
 */
export const INPUTS_LABEL = 'dsContainers.inputs';

export interface BuildInputs {
  /** sha256 over the build's options, its images (by id) and its context's files (path, mode, owner, content). */
  digest: string;
  /** Each context file's lstat when it was read: a write since then (during the build) shows as a change. */
  signatures: Map<string, string>;
}

export interface InputsRequest {
  dir: string;
  /** Relative to dir, forward slashes. */
  dockerfile: string;
  dockerfileText: string;
  /** The context's files, relative to dir (what packContext sends). */
  files: string[];
  /** The build's options that shape the image (labels, the builder asked for). */
  options: Record<string, unknown>;
}

const SMALL = 4 << 20;

async function contentHash(file: string, size: number): Promise<string> {
  const h = crypto.createHash('sha256');
  if (size <= SMALL) return h.update(await fs.readFile(file)).digest('hex');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

const signature = (st: BigIntStats) => `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}:${st.mode}`;

/** Runs `fn` over `items`, at most `n` at a time, results in order. */
async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}

/**
 * What a build of this context would be made from, as one digest: the same digest means a build that
 * only reuses its cache. Undefined (with why) when the Dockerfile reads what we cannot see (a URL, a
 * frontend image, a secret) or an image it names is not here yet (the build pulls it).
 */
export async function buildInputs(engine: Engine, req: InputsRequest): Promise<BuildInputs | { unknown: string }> {
  const named = dockerfileImages(req.dockerfileText);
  if ('unknown' in named) return named;
  const ids = await Promise.all(named.images.map((ref) => engine.imageSummary(ref).then((i) => i?.id)));
  const missing = named.images.find((_r, i) => !ids[i]);
  if (missing) return { unknown: `${missing} is not here yet` };
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify({ v: 1, dockerfile: req.dockerfile, options: req.options }) + '\n');
  named.images.forEach((ref, i) => h.update(`image ${ref} ${ids[i]}\n`));
  const signatures = new Map<string, string>();
  const lines = await pool(req.files, 8, async (rel) => {
    const file = path.join(req.dir, rel);
    const st = await fs.lstat(file, { bigint: true });
    signatures.set(rel, signature(st));
    const content = st.isSymbolicLink()
      ? `link ${await fs.readlink(file)}`
      : st.isFile()
        ? await contentHash(file, Number(st.size))
        : `type ${st.mode & BigInt(0o170000)}`;
    return `file ${JSON.stringify(rel)} ${st.mode} ${st.uid}:${st.gid} ${content}\n`;
  });
  for (const l of lines) h.update(l);
  return { digest: h.digest('hex'), signatures };
}

/** True when a file read by buildInputs has changed (or gone) since. */
export async function changedSince(dir: string, inputs: BuildInputs): Promise<boolean> {
  const now = await pool([...inputs.signatures], 8, ([rel, sig]) =>
    fs.lstat(path.join(dir, rel), { bigint: true }).then(
      (st) => signature(st) !== sig,
      () => true,
    ),
  );
  return now.some(Boolean);
}
