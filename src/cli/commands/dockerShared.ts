import * as fs from 'fs';
import * as path from 'path';
import { CliError, CliIo } from '../io';
import { Engine } from '../../node/docker/engine';
import { resolveEndpoint } from '../../node/docker/endpoint';
import { buildProject, BuildOutcome } from '../../node/docker/build';
import { tagProblem } from '../../core/docker/tag';
import { projectTag } from '../../node/projectTag';
import { DEFAULT_DATA_THRESHOLD_MB, largeContextLines } from '../../core/generate/data';

/** The project folder named on the command line (default: the current one), which must exist. */
export function projectDir(io: CliIo, positional: string[]): string {
  if (positional.length > 1)
    throw new CliError(`expected one project folder, got ${positional.length}: ${positional.join(' ')}`);
  const dir = path.resolve(io.cwd, positional[0] ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new CliError(`not a folder: ${dir}`);
  return dir;
}

/** --data-threshold MB: a whole number of megabytes (0: no limit), else the default. */
export function dataThresholdFlag(flag: string | true | undefined): number | undefined {
  if (flag === undefined) return undefined;
  if (typeof flag !== 'string' || !/^\d+$/.test(flag))
    throw new CliError(`--data-threshold takes a whole number of megabytes (0: no limit), not "${String(flag)}"`);
  return Number(flag);
}

/** --tag, checked, else the Dockerfile's `# Build:` comment's (the tag scaffold wrote), else the folder's. */
export function tagFor(dir: string, flag: string | true | undefined): string {
  if (typeof flag === 'string') {
    const problem = tagProblem(flag);
    if (problem) throw new CliError(`--tag ${problem}`);
    return flag;
  }
  return projectTag(dir);
}

/** The engine the Docker CLI would use with this environment (DOCKER_HOST, context, default). */
export function engineFor(io: CliIo): Engine {
  try {
    return new Engine(resolveEndpoint({ env: io.env, setting: io.env.DSC_DOCKER_HOST }));
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/**
 * Builds with concise progress lines; a failure prints `Dockerfile:LINE: error: message` (check `ok`: exit 1).
 * `reuseUnchanged` (up): an image built from the inputs there are now is kept, with one line that says so.
 */
export async function buildWithProgress(
  io: CliIo,
  engine: Engine,
  dir: string,
  tag: string,
  o: { reuseUnchanged?: boolean; dataThresholdMB?: number } = {},
): Promise<BuildOutcome> {
  const lines: string[] = [];
  const r = await buildProject(engine, {
    dir,
    tag,
    reuseUnchanged: o.reuseUnchanged,
    signal: io.signal,
    env: io.env,
    onWithheld: (files) => io.err(`note: kept out of the build context (secrets): ${files.join(', ')}`),
    dataThresholdMB: o.dataThresholdMB,
    onLarge: (left, kept) => {
      for (const l of largeContextLines(left, kept, o.dataThresholdMB ?? DEFAULT_DATA_THRESHOLD_MB)) io.err(l);
    },
    onEvent: (e) => {
      if (e.kind === 'step') io.out(`${e.step.name}${e.step.cached ? ' (cached)' : ''}`);
      else lines.push(e.text);
    },
  });
  const rel = path.relative(io.cwd, r.dockerfilePath) || 'Dockerfile';
  if (!r.ok) {
    for (const l of r.tail.slice(-12)) io.err(`  | ${l}`);
    const line = r.location?.line !== undefined ? `${r.location.line + 1}:` : '';
    io.err(`${rel}:${line} error: ${r.location?.message ?? r.error}`);
    return r;
  }
  if (r.unchanged) {
    io.out(`${tag} (${r.imageId?.slice(7, 19)}) is up to date: no change to its context, Dockerfile or base image`);
    return r;
  }
  const cached = r.steps.filter((s) => s.cached).length;
  const builder = r.buildkit ? '' : ', classic builder';
  io.out(
    `built ${tag} (${r.imageId?.slice(7, 19)}) in ${r.seconds.toFixed(1)} s: ` +
      `${r.steps.length} steps, ${cached} cached${builder}`,
  );
  return r;
}
