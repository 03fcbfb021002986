// `sbom`: the CycloneDX document of a built image. Python's distributions come from the image's own
// Python (the one offline probe lock and check use); Debian's packages from its dpkg status file.
import * as crypto from 'crypto';
import { Engine } from '../docker/engine';
import { ImageNotFound, ImageProbeOptions, probeImage } from '../docker/imageProbe';
import { readContainerFile, withIdleContainer } from './imageFiles';
import { parseDpkgStatus, parseOsRelease } from '../../core/provenance/dpkg';
import { renderSbom } from '../../core/provenance/cyclonedx';
import { version } from '../../../package.json';

export const TOOL = { name: 'ds-containers', version };

export interface SbomResult {
  json: string;
  pythonCount: number;
  debCount: number;
  /** Why Python's distributions are missing (no Python in the image), when they are. */
  pythonProblem?: string;
}

/** The SBOM of `ref` (a tag or an id): CycloneDX 1.5 JSON, pretty-printed. Throws ImageNotFound. */
export async function imageSbom(
  engine: Engine,
  ref: string,
  o: ImageProbeOptions & { now?: Date } = {},
): Promise<SbomResult> {
  const summary = await engine.imageSummary(ref);
  if (!summary) throw new ImageNotFound(ref);
  const facts = await probeImage(engine, ref, o);
  const { status, osRelease } = await withIdleContainer(engine, summary.id, o.labels ?? {}, async (id) => ({
    status: await readContainerFile(engine, id, '/var/lib/dpkg/status'),
    osRelease:
      (await readContainerFile(engine, id, '/etc/os-release')) ??
      (await readContainerFile(engine, id, '/usr/lib/os-release')),
  }));
  const debs = status ? parseDpkgStatus(status) : [];
  const python = facts.python ? { version: facts.python.version, distributions: facts.distributions } : undefined;
  const bom = renderSbom({
    ref,
    imageId: summary.id,
    timestamp: (o.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z'),
    serialNumber: `urn:uuid:${crypto.randomUUID()}`,
    tool: TOOL,
    python,
    os: osRelease ? parseOsRelease(osRelease) : undefined,
    debs,
  });
  return {
    json: JSON.stringify(bom, null, 2) + '\n',
    pythonCount: python?.distributions.length ?? 0,
    debCount: debs.length,
    ...(facts.problem ? { pythonProblem: facts.problem } : {}),
  };
}
