import * as fs from 'fs';
import * as path from 'path';
import { Engine, EngineUnreachable } from './engine';
import { ContextListing, contextFiles, packContext } from './context';
import type { SizedFile } from '../../core/generate/data';
import { buildInputs, changedSince, INPUTS_LABEL } from './buildInputs';
import { trace } from '../trace';
import { projectOciLabels } from '../provenance/ociLabels';
import { OCI_CREATED } from '../../core/provenance/ociLabels';
import { BuildEvent, BuildProgress, BuildReport } from '../../core/docker/buildProgress';
import { BuildErrorLocation, findStepInstruction, locateBuildError } from '../../core/dockerfile/instructions';

export interface BuildRequest {
  /** The build context folder. */
  dir: string;
  /** Relative to dir. */
  dockerfile?: string;
  tag: string;
  signal?: AbortSignal;
  onEvent?: (e: BuildEvent) => void;
  /** DOCKER_BUILDKIT=0 here asks for the classic builder (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Told once when secret-looking files were kept out of the context. */
  onWithheld?: (files: string[]) => void;
  /** Files above this size stay out of the context unless a `!` line keeps them (default 50; 0: no limit). */
  dataThresholdMB?: number;
  /** Told once: files left out for their size, and files above it that `!` lines keep in (a large context). */
  onLarge?: (leftOut: SizedFile[], keptIn: SizedFile[]) => void;
  /** Like `docker build --no-cache`: every step runs again. */
  noCache?: boolean;
  /**
   * `up`: when the image of `tag` was built from exactly the inputs there are now (its INPUTS_LABEL), it is
   * the outcome (`unchanged`) and nothing is built, as a build would only reuse its cache.
   */
  reuseUnchanged?: boolean;
}

export interface BuildOutcome extends BuildReport {
  tag: string;
  dockerfilePath: string;
  buildkit: boolean;
  /** Where the failure is in the Dockerfile (0-based line), when it failed. */
  location?: BuildErrorLocation;
  /** 0-based lines of the instructions whose step came from the cache. */
  cachedLines: number[];
  seconds: number;
  /** reuseUnchanged found the image up to date: no build ran (no steps; `buildkit` is false). */
  unchanged?: boolean;
}

/** Labels every image we build carries, so the editor can find the last build of a Dockerfile. */
export function buildLabels(dir: string, dockerfilePath: string): Record<string, string> {
  return { 'dsContainers.project': path.resolve(dir), 'dsContainers.dockerfile': path.resolve(dockerfilePath) };
}

/**
 * Packs the context (honouring .dockerignore), builds with BuildKit when available, reports. The image is
 * labelled with the digest of its inputs (INPUTS_LABEL); with `reuseUnchanged`, an image of `tag` that
 * carries the digest of the inputs as they are now is the result, and nothing is built.
 */
export async function buildProject(engine: Engine, req: BuildRequest): Promise<BuildOutcome> {
  const dockerfile = req.dockerfile ?? 'Dockerfile';
  const dockerfilePath = path.join(req.dir, dockerfile);
  let text: string;
  try {
    text = fs.readFileSync(dockerfilePath, 'utf8');
  } catch {
    throw new Error(
      `no Dockerfile at ${dockerfilePath} (run \`ds-containers scaffold\` or "Containerize Project…" first)`,
    );
  }
  const started = Date.now();
  const relDockerfile = dockerfile.replace(/\\/g, '/');
  const listed = contextFiles(req.dir, relDockerfile, { thresholdMB: req.dataThresholdMB });
  if (listed.withheld.length) req.onWithheld?.(listed.withheld);
  if (listed.large?.length || listed.keptLarge?.length) req.onLarge?.(listed.large ?? [], listed.keptLarge ?? []);
  // Provenance (org.opencontainers.image.*) is part of the digest, except `.created`, added below.
  // A label the Dockerfile sets itself (`LABEL org.opencontainers.image.version=…`) is left to it.
  const oci = Object.entries(await projectOciLabels(req.dir)).filter(([k]) => !text.includes(k));
  const labels = { ...buildLabels(req.dir, dockerfilePath), ...Object.fromEntries(oci) };
  // What the digest covers besides the files and images: the labels and the builder asked for (not the
  // engine's answer, which would cost a call before knowing whether to build at all).
  const classic = (req.env ?? process.env).DOCKER_BUILDKIT === '0';
  const inputs = await buildInputs(engine, {
    dir: req.dir,
    dockerfile: relDockerfile,
    dockerfileText: text,
    files: listed.files,
    options: { labels, builder: classic ? 'classic' : 'default' },
  }).catch((e) => {
    if (e instanceof EngineUnreachable) throw e; // said now, not after a second wait on the build's first call
    return undefined; // a file we cannot read: the build says so in its own words
  });
  const digest = inputs && 'digest' in inputs ? inputs.digest : undefined;
  trace(`build: inputs ${digest ? digest.slice(0, 12) : (inputs as { unknown: string } | undefined)?.unknown}`);
  const image = digest ? await engine.imageSummary(req.tag) : undefined;
  const same = !!digest && image?.labels[INPUTS_LABEL] === digest;
  if (req.reuseUnchanged && same && !req.noCache && image) {
    return {
      ok: true,
      imageId: image.id,
      steps: [],
      tail: [],
      tag: req.tag,
      dockerfilePath,
      buildkit: false,
      cachedLines: [],
      seconds: (Date.now() - started) / 1000,
      unchanged: true,
    };
  }
  // The same inputs keep their first build's time, so that a fully cached rebuild is the same image.
  // (The tag may have moved away from that build: then its image is found by the digest.)
  const earlier =
    same || !digest
      ? image
      : (await engine.listImages().catch(() => [])).find((i) => i.labels?.[INPUTS_LABEL] === digest);
  const created = earlier?.labels?.[OCI_CREATED] || new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const stamped = text.includes(OCI_CREATED) ? labels : { ...labels, [OCI_CREATED]: created };
  const run = (label: string | undefined) =>
    buildOnce(engine, req, text, dockerfilePath, listed, label ? { ...stamped, [INPUTS_LABEL]: label } : stamped);
  let outcome = await run(digest);
  if (outcome.ok && inputs && 'digest' in inputs && (await changedSince(req.dir, inputs))) {
    // A file changed while it was being sent: the label may not describe what the image holds. Build again
    // (from the cache) with a label no digest matches, so that the next `up` builds rather than trust it.
    outcome = await run('changed-during-build');
  }
  return { ...outcome, seconds: (Date.now() - started) / 1000 };
}

async function buildOnce(
  engine: Engine,
  req: BuildRequest,
  text: string,
  dockerfilePath: string,
  listed: ContextListing,
  labels: Record<string, string>,
): Promise<BuildOutcome> {
  const dockerfile = req.dockerfile ?? 'Dockerfile';
  const buildkit = await engine.supportsBuildKit(req.env);
  trace(`build: builder known (buildkit ${buildkit})`);
  const ctx = packContext(req.dir, dockerfile.replace(/\\/g, '/'), listed);
  const progress = new BuildProgress();
  let first = false;
  await engine.build(ctx.stream, {
    tag: req.tag,
    dockerfile,
    buildkit,
    labels,
    signal: req.signal,
    noCache: req.noCache,
    onMessage: (m) => {
      if (!first) trace('build: first message');
      first = true;
      for (const e of progress.feed(m)) req.onEvent?.(e);
    },
  });
  trace('build: stream ended');
  const report = progress.report();
  const cachedLines = report.steps
    .filter((s) => s.cached)
    .map((s) => findStepInstruction(text, s.name)?.line)
    .filter((l): l is number => l !== undefined);
  // The location's message is the step's own error line when it printed one (the wrapper is in `error`).
  const location = report.ok
    ? undefined
    : locateBuildError(text, report.cause ?? report.error ?? 'build failed', report.failedStep?.name);
  return { ...report, tag: req.tag, dockerfilePath, buildkit, location, cachedLines, seconds: 0 };
}
