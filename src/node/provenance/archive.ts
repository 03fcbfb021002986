// `archive`: one tarball a journal or a data archive accepts: the image (`docker save` through the engine),
// the lock, the SBOM, the Dockerfile and a README saying how to load and run it.
import { createWriteStream, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pipeline } from 'stream/promises';
import { Engine } from '../docker/engine';
import { ImageNotFound } from '../docker/imageProbe';
import { imageSbom } from './sbom';
import { renderArchiveReadme } from '../../core/provenance/archiveReadme';
import { LOCK_FILE } from '../../core/projectFiles';

export interface ArchiveResult {
  file: string;
  files: string[];
  bytes: number;
}

/** Writes `out` (refusing an existing file unless `force`) from the image `tag` of the project `dir`. */
export async function archiveProject(
  engine: Engine,
  dir: string,
  tag: string,
  out: string,
  o: { force?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<ArchiveResult> {
  const summary = await engine.imageSummary(tag);
  if (!summary) throw new ImageNotFound(tag);
  if (!o.force && (await fs.stat(out).catch(() => undefined)))
    throw new Error(`${out} exists; left as it is (--force replaces it)`);
  const stage = await fs.mkdtemp(path.join(os.tmpdir(), 'dsc-archive-'));
  try {
    const files: string[] = [];
    for (const f of ['Dockerfile', LOCK_FILE, 'requirements.txt']) {
      const ok = await fs.copyFile(path.join(dir, f), path.join(stage, f)).then(
        () => true,
        () => false,
      );
      if (ok) files.push(f);
    }
    const sbom = await imageSbom(engine, tag, { env: o.env });
    await fs.writeFile(path.join(stage, 'sbom.cdx.json'), sbom.json);
    files.push('sbom.cdx.json');
    await pipeline(await engine.saveImage(tag), createWriteStream(path.join(stage, 'image.tar')));
    files.push('image.tar');
    const readme = renderArchiveReadme({
      tag,
      imageId: summary.id,
      files,
      lock: files.includes(LOCK_FILE) ? LOCK_FILE : undefined,
      labels: summary.labels ?? {},
    });
    await fs.writeFile(path.join(stage, 'README.md'), readme);
    const entries = ['README.md', ...files];
    const tar = require('tar-fs') as typeof import('tar-fs');
    const tmp = `${out}.${process.pid}.tmp`;
    // tar-fs shifts its entries off the array it is given: it gets a copy.
    await pipeline(tar.pack(stage, { entries: [...entries] }), createWriteStream(tmp));
    await fs.rename(tmp, out);
    return { file: out, files: entries, bytes: (await fs.stat(out)).size };
  } finally {
    await fs.rm(stage, { recursive: true, force: true });
  }
}
