// `lock`: the exact environment of a built image → requirements.lock; and the comparison `check`
// makes between an image and its lock. Both read the image through the one probe.
import * as path from 'path';
import { Engine } from './docker/engine';
import { nameAndTag } from '../core/registry/reference';
import { ImageFacts, ImageProbeOptions, probeImage } from './docker/imageProbe';
import { readIfExists, safeWrite } from './files';
import { frozenDistributions, minorOf } from '../core/environment/imageFacts';
import { compareLock, LockDifference, lockSubstance, parseLock, renderLock } from '../core/environment/lockfile';
import { finalBaseImage } from '../core/environment/dockerfileLock';
import { LOCK_FILE } from '../core/projectFiles';
import { LockImage, LockState, lockState } from '../core/environment/lockState';

export { LOCK_FILE };

/** A lock that cannot be written or compared; `line` (1-based) points into requirements.lock when it is about it. */
export class LockError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    /** The lock is left as it is, and replacing it anyway (--force, "Replace Lock") would work. */
    readonly replaceable = false,
  ) {
    super(message);
  }
}

export interface LockResult {
  file: string;
  text: string;
  outcome: 'created' | 'overwritten' | 'unchanged';
  count: number;
  facts: ImageFacts;
  base?: string;
  /** The base image's registry digest (`sha256:…`), when it has one. */
  baseDigest?: string;
}

/** The image's facts, or a LockError when it has no usable Python. */
async function pythonFacts(
  engine: Engine,
  tag: string,
  o: ImageProbeOptions,
): Promise<ImageFacts & { python: NonNullable<ImageFacts['python']> }> {
  const facts = await probeImage(engine, tag, o);
  if (!facts.python || facts.problem) throw new LockError(`${tag}: ${facts.problem ?? 'no Python found'}`);
  return facts as ImageFacts & { python: NonNullable<ImageFacts['python']> };
}

/** The base image of the project's Dockerfile and its registry digest (from the engine), when known. */
export async function baseOf(engine: Engine, dir: string): Promise<{ base?: string; digest?: string }> {
  const text = await readIfExists(path.join(dir, 'Dockerfile'));
  const from = text ? finalBaseImage(text) : undefined;
  if (!from) return {};
  if (from.digest) return { base: from.image.split('@')[0], digest: from.digest };
  const summary = await engine.imageSummary(from.image).catch(() => undefined);
  const repo = repository(from.image);
  const digest = summary?.repoDigests
    ?.map((d) => d.split('@'))
    .find(([r]) => repository(r) === repo || summary.repoDigests!.length === 1)?.[1];
  return { base: from.image, ...(digest ? { digest } : {}) };
}

function repository(ref: string): string {
  return nameAndTag(ref)
    .name.replace(/^docker\.io\//, '')
    .replace(/^library\//, '');
}

/**
 * Writes DIR/requirements.lock from the image `tag`. Refuses (LockError, nothing written) when the
 * image has no Python, or an existing lock has a broken line, is for another Python, or was written
 * from a newer image, unless `force`. Unchanged content is not rewritten.
 */
export async function lockProject(
  engine: Engine,
  dir: string,
  tag: string,
  o: ImageProbeOptions & { force?: boolean } = {},
): Promise<LockResult> {
  const file = path.join(dir, LOCK_FILE);
  const facts = await pythonFacts(engine, tag, o);
  const before = await readIfExists(file);
  if (before !== undefined && !o.force) {
    const old = parseLock(before);
    const why = old.errors[0]
      ? { line: old.errors[0].line, message: `${old.errors[0].message}; fix or delete the line` }
      : old.header.python && minorOf(old.header.python) !== minorOf(facts.python.version)
        ? {
            line: old.headerLines.python,
            message: `the lock is for Python ${old.header.python}, ${tag} has Python ${facts.python.version}`,
          }
        : old.header.created !== undefined && old.header.imageId !== facts.imageId && old.header.created > facts.created
          ? { line: old.headerLines.image, message: `the lock was written from a newer image than ${tag}` }
          : undefined;
    if (why) throw new LockError(`${why.message}; it is left as it is`, LOCK_FILE, why.line, true);
  }
  const { base, digest } = await baseOf(engine, dir);
  const dists = frozenDistributions(facts);
  const text = renderLock(
    { imageId: facts.imageId, created: facts.created, base, baseDigest: digest, python: facts.python.version },
    dists,
  );
  const result = { file, text, count: dists.length, facts, base, baseDigest: digest };
  if (before !== undefined && lockSubstance(before) === lockSubstance(text))
    return { ...result, text: before, outcome: 'unchanged' };
  const w = await safeWrite(file, text, { overwrite: true });
  return { ...result, outcome: w === 'created' ? 'created' : 'overwritten' };
}

/**
 * The differences between the image `tag` and DIR/requirements.lock (undefined: there is no lock).
 * An image without Python is a LockError.
 */
export async function compareWithLock(
  engine: Engine,
  dir: string,
  tag: string,
  o: ImageProbeOptions = {},
): Promise<LockDifference[] | undefined> {
  const text = await readIfExists(path.join(dir, LOCK_FILE));
  if (text === undefined) return undefined;
  const facts = await pythonFacts(engine, tag, o);
  return compareLock(
    parseLock(text),
    { python: facts.python.version, created: facts.created, imageId: facts.imageId, dists: frozenDistributions(facts) },
    tag,
  );
}

/**
 * The lock's state (none / locked / drifted) against requirements.txt and the image `tag` (probed once
 * per image id, the answer cached);
 * when Docker is away or the image is not built, only requirements.txt is compared.
 */
export async function lockStatus(
  engine: Engine | undefined,
  dir: string,
  tag: string,
  o: ImageProbeOptions = {},
): Promise<LockState> {
  const lockText = await readIfExists(path.join(dir, LOCK_FILE));
  if (lockText === undefined) return lockState({});
  const requirementsText = await readIfExists(path.join(dir, 'requirements.txt'));
  let image: LockImage | undefined;
  try {
    const summary = await engine?.imageSummary(tag);
    if (engine && summary) {
      // A hand-edited lock of the same image drifts too: its versions are always compared (the probe is cached).
      const facts = await probeImage(engine, tag, o);
      image = {
        ref: tag,
        imageId: summary.id,
        created: summary.created,
        python: facts.python?.version,
        dists: frozenDistributions(facts),
        problem: facts.problem,
      };
    }
  } catch {
    image = undefined; // Docker is away: the state says it compared requirements.txt only
  }
  return lockState({ lockText, requirementsText, image });
}
