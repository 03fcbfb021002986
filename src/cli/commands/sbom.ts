import * as path from 'path';
import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { engineFor } from './dockerShared';
import { imageTarget, writeOutput } from './imageTarget';
import { imageSbom } from '../../node/provenance/sbom';
import { ImageNotFound } from '../../node/docker/imageProbe';

export const sbomCommand: CliCommand = {
  name: 'sbom',
  usage: 'sbom DIR|IMAGE [--tag TAG] [-o FILE] [--force]',
  summary: "write the image's CycloneDX 1.5 SBOM: every Python distribution and Debian package, with purls",
  help: [
    "Reads the image offline: its own Python's installed distributions (pkg:pypi purls) and its dpkg status " +
      'file (pkg:deb purls, with architecture and distribution), plus what depends on what. Prints the JSON, ' +
      'or writes it to FILE (-o); a different existing FILE is replaced only with --force.',
  ],
  async run(argv, io) {
    const a = parseArgs(argv, ['force'], ['tag', 'o', 'output']);
    const t = imageTarget(io, a.positional, a.flags.get('tag'));
    const engine = engineFor(io);
    let r;
    try {
      r = await imageSbom(engine, t.ref, { env: io.env });
    } catch (e) {
      if (e instanceof ImageNotFound)
        throw new CliError(
          t.dir ? `image ${t.ref} not found: build it first (ds-containers build ${t.dir})` : e.message,
          1,
        );
      throw e;
    }
    if (r.pythonProblem) io.err(`warning: ${t.ref}: ${r.pythonProblem}`);
    const out = await writeOutput(io, a.flags.get('o') ?? a.flags.get('output'), r.json, a.flags.has('force'));
    if (out)
      io.err(
        `${path.relative(io.cwd, out) || out}: CycloneDX 1.5 SBOM of ${t.ref}: ` +
          `${r.pythonCount} Python distributions, ${r.debCount} Debian packages`,
      );
    return 0;
  },
};
