import * as fs from 'fs';
import * as path from 'path';
import { Engine } from './engine';
import { packContext } from './context';
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
  /** Like `docker build --no-cache`: every step runs again. */
  noCache?: boolean;
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
}

/** Labels every image we build carries, so the editor can find the last build of a Dockerfile. */
export function buildLabels(dir: string, dockerfilePath: string): Record<string, string> {
  return { 'dsContainers.project': path.resolve(dir), 'dsContainers.dockerfile': path.resolve(dockerfilePath) };
}

/** Packs the context (honouring .dockerignore), builds with BuildKit when available, reports. */
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
  const buildkit = await engine.supportsBuildKit(req.env);
  const ctx = packContext(req.dir, dockerfile.replace(/\\/g, '/'));
  if (ctx.withheld.length) req.onWithheld?.(ctx.withheld);
  const progress = new BuildProgress();
  await engine.build(ctx.stream, {
    tag: req.tag,
    dockerfile,
    buildkit,
    labels: buildLabels(req.dir, dockerfilePath),
    signal: req.signal,
    noCache: req.noCache,
    onMessage: (m) => {
      for (const e of progress.feed(m)) req.onEvent?.(e);
    },
  });
  const report = progress.report();
  const cachedLines = report.steps
    .filter((s) => s.cached)
    .map((s) => findStepInstruction(text, s.name)?.line)
    .filter((l): l is number => l !== undefined);
  // The location's message is the step's own error line when it printed one (the wrapper is in `error`).
  const location = report.ok
    ? undefined
    : locateBuildError(text, report.cause ?? report.error ?? 'build failed', report.failedStep?.name);
  return {
    ...report,
    tag: req.tag,
    dockerfilePath,
    buildkit,
    location,
    cachedLines,
    seconds: (Date.now() - started) / 1000,
  };
}
