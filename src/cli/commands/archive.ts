import * as path from 'path';
import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { archiveProject } from '../../node/provenance/archive';
import { ImageNotFound } from '../../node/docker/imageProbe';

export const archiveCommand: CliCommand = {
  name: 'archive',
  usage: 'archive DIR [--tag TAG] [-o FILE] [--force]',
  summary: 'write one tarball to deposit: the image (docker save), lock, SBOM, Dockerfile and a README',
  help: [
    'Default FILE: DIR/../NAME-archive.tar (outside the project, so it never enters a build context). ' +
      'An existing FILE is replaced only with --force. The README says how to load and run the image.',
  ],
  async run(argv, io) {
    const a = parseArgs(argv, ['force'], ['tag', 'o', 'output']);
    const dir = projectDir(io, a.positional);
    const tag = tagFor(dir, a.flags.get('tag'));
    const o = a.flags.get('o') ?? a.flags.get('output');
    const out =
      typeof o === 'string'
        ? path.resolve(io.cwd, o)
        : path.join(path.dirname(dir), `${path.basename(dir)}-archive.tar`);
    try {
      const r = await archiveProject(engineFor(io), dir, tag, out, { force: a.flags.has('force'), env: io.env });
      io.out(
        `${path.relative(io.cwd, r.file) || r.file}: ${(r.bytes / 1e6).toFixed(1)} MB: ${r.files.join(', ')} (${tag})`,
      );
      return 0;
    } catch (e) {
      if (e instanceof ImageNotFound)
        throw new CliError(`image ${tag} not found: build it first (ds-containers build ${dir})`, 1);
      if (/exists; left as it is/.test((e as Error).message)) throw new CliError((e as Error).message, 1);
      throw e;
    }
  },
};
