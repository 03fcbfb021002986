// Scaffold's questions to the base image, shared by the CLI and Containerize: what it has (so
// nothing is added twice and Jupyter is known, not guessed), and where each pin comes from.
import { Engine, EngineUnreachable } from './docker/engine';
import { ImageFacts, ImageNotFound, ImageProbeOptions, probeImage } from './docker/imageProbe';
import { imageHasJupyter } from '../core/environment/imageFacts';
import { choosePins, Installed, installedMap, PinNote, PinSource } from '../core/environment/pins';
import { BaseImageFacts, ProjectAnalysis, ProjectSpec } from '../core/project';
import { normalizeName } from '../core/requirements/names';

export interface BaseAnswer {
  facts?: ImageFacts;
  /** Why the image could not be asked (not on this machine, no engine, no Python). */
  problem?: string;
}

/** Asks the base image (offline); never throws: `problem` says why it could not be asked. */
export async function askBaseImage(
  engine: Engine | undefined,
  ref: string,
  o: ImageProbeOptions = {},
): Promise<BaseAnswer> {
  if (!engine) return { problem: 'no Docker engine configured' };
  try {
    const facts = await probeImage(engine, ref, o);
    return facts.problem ? { facts, problem: facts.problem } : { facts };
  } catch (e) {
    if (e instanceof ImageNotFound) return { problem: `base image ${ref} is not on this machine` };
    if (e instanceof EngineUnreachable) return { problem: e.message };
    // Scaffolding goes on without the image's answer; the reason is one line.
    return { problem: `cannot ask ${JSON.stringify(ref)}: ${String((e as Error).message ?? e).split('\n')[0]}` };
  }
}

/** The spec's view of the probed image (absent when it could not be asked). */
export function baseImageFacts(answer: BaseAnswer): BaseImageFacts | undefined {
  const f = answer.facts;
  if (!f?.python) return undefined;
  return { jupyter: imageHasJupyter(f), distributions: f.distributions.map((d) => normalizeName(d.name)) };
}

/** The interpreter's installed set from an analysis (versions and Requires-Dist). */
export function interpreterInstalled(analysis: ProjectAnalysis): Installed | undefined {
  const i = analysis.interpreter;
  if (!i?.installed) return undefined;
  return installedMap(
    Object.entries(i.installed).map(([name, version]) => ({ name, version, requires: i.requires?.[name] ?? [] })),
  );
}

/**
 * The spec with its pins chosen from `source`, and one note per difference between the interpreter and
 * the image, per major-version conflict and per inconsistency among the pins. `image` needs the probe.
 */
export function pinSpec(
  spec: ProjectSpec,
  analysis: ProjectAnalysis,
  source: PinSource,
  answer: BaseAnswer,
  baseRef: string,
): { spec: ProjectSpec; notes: PinNote[] } {
  const installed = interpreterInstalled(analysis);
  const f = answer.facts?.python ? answer.facts : undefined;
  const r = choosePins({
    requirements: spec.requirements,
    source,
    interpreter: installed && { name: analysis.interpreter!.command, installed },
    image: f && { ref: baseRef, installed: installedMap(f.distributions), pythonVersion: f.python!.version },
    pythonVersion: f?.python?.version ?? spec.pythonVersion,
  });
  return { spec: { ...spec, requirements: r.requirements }, notes: r.notes };
}
