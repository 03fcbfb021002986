// Scaffold's questions to the base image, shared by the CLI and Containerize: what it has (so
// nothing is added twice and Jupyter is known, not guessed), and where each pin comes from.
import { Engine, EngineUnreachable } from './docker/engine';
import { ImageFacts, ImageNotFound, ImageProbeOptions, probeImage } from './docker/imageProbe';
import { imageHasJupyter } from '../core/environment/imageFacts';
import { choosePins, Installed, installedMap, PinNote, PinSource } from '../core/environment/pins';
import { BaseImageFacts, ProjectAnalysis, ProjectSpec } from '../core/project';
import { normalizeName } from '../core/requirements/names';
import { minorOf, pythonOfImageName } from '../core/python/pythonConflict';

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
 * A base image with another Python than the interpreter's (a project's own `FROM python:3.7-slim`) never gets
 * the interpreter's versions: the image's when it could be asked, else none, and a note says so.
 */
export function pinSpec(
  spec: ProjectSpec,
  analysis: ProjectAnalysis,
  source: PinSource,
  answer: BaseAnswer,
  baseRef: string,
): { spec: ProjectSpec; notes: PinNote[] } {
  let installed = interpreterInstalled(analysis);
  const f = answer.facts?.python ? answer.facts : undefined;
  let requirements = keptLines(spec, analysis);
  const notes: PinNote[] = [];
  const other = otherPython(analysis, f?.python?.version, baseRef);
  if (other && source === 'interpreter') {
    const cmd = analysis.interpreter!.command;
    source = f ? 'image' : 'none';
    // Versions the scan took from the interpreter go; the project's own pins (a different version) stay.
    requirements = requirements.map((r) => {
      if (r.kept || !r.version || r.version !== installed?.get(normalizeName(r.name))?.version) return r;
      const { version: _v, ...rest } = r;
      return rest;
    });
    notes.push({
      level: 'warning',
      message:
        `${cmd} is Python ${other.interpreter} but base image ${baseRef} has Python ${other.base}: ` +
        (f
          ? "pins come from the image's own packages instead of " + cmd + "'s (the others are left unpinned)"
          : `${cmd}'s versions are not pinned (${answer.problem ?? 'the image could not be asked'}); ` +
            'pip picks releases for that Python'),
    });
    installed = undefined; // the interpreter's packages say nothing about another Python
  }
  const r = choosePins({
    requirements,
    declaredAt: declaredPlaces(analysis),
    source,
    interpreter: installed && { name: analysis.interpreter!.command, installed },
    image: f && { ref: baseRef, installed: installedMap(f.distributions), pythonVersion: f.python!.version },
    pythonVersion: f?.python?.version ?? other?.base ?? spec.pythonVersion,
  });
  // The header names where the versions came from: the image's for --pins image, not the interpreter's.
  const versionSource =
    source === 'image' && f
      ? `base image ${baseRef} (Python ${f.python!.version})`
      : other
        ? `none: ${analysis.interpreter!.command} is Python ${other.interpreter}, the base image ${other.base}`
        : spec.versionSource;
  const { versionSource: _s, ...rest } = spec;
  return {
    spec: {
      ...rest,
      requirements: r.requirements,
      ...(other ? { pythonVersion: other.base } : {}),
      ...(versionSource ? { versionSource } : {}),
    },
    notes: [...notes, ...r.notes],
  };
}

/** The base image's Python "X.Y" (asked, else by its name) when it is not the interpreter's. */
function otherPython(
  analysis: ProjectAnalysis,
  imagePython: string | undefined,
  baseRef: string,
): { base: string; interpreter: string } | undefined {
  const interpreter = minorOf(analysis.interpreter?.version);
  const base = minorOf(imagePython) ?? pythonOfImageName(baseRef);
  return interpreter && base && interpreter !== base && !analysis.interpreter?.problem
    ? { base, interpreter }
    : undefined;
}

/**
 * The spec's requirements with the lines the user's requirements.txt keeps marked `kept`, at the version that line
 * has (a bare `numpy` line keeps the image's numpy, whatever the interpreter has): the merge writes the user's
 * line as it is, so the pins and their notes must describe that line, not the interpreter's version.
 */
function keptLines(
  spec: ProjectSpec,
  analysis: ProjectAnalysis,
): { name: string; version?: string; specifier?: string; kept?: boolean }[] {
  const own = new Map(
    analysis.requirements
      .filter((r) => r.declaredSpec?.file === 'requirements.txt' && analysis.existing.includes('requirements.txt'))
      .map((r) => [normalizeName(r.name), r.declaredSpec!.specifier]),
  );
  return spec.requirements.map((r) => {
    const specifier = own.get(normalizeName(r.name));
    if (specifier === undefined) return r;
    const exact = /^==([^,*]+)$/.exec(specifier)?.[1];
    const { version: _v, ...rest } = r;
    return { ...rest, ...(exact ? { version: exact } : {}), kept: true };
  });
}

/** "src/requirements.txt:1" for each declared range, by normalised name. */
function declaredPlaces(analysis: ProjectAnalysis): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of analysis.requirements)
    if (r.declaredSpec?.specifier)
      out[normalizeName(r.name)] = `${r.declaredSpec.file}${r.declaredSpec.line ? `:${r.declaredSpec.line}` : ''}`;
  return out;
}
