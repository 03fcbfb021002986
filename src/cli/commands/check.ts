import * as path from 'path';
import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { analyzeProject } from '../../node/analyze';
import { checkImports, runtimeSites } from '../../node/docker/importCheck';
import { formatFinding } from '../../core/findings';

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check DIR [--tag TAG]',
  summary: 'run the built image and import every runtime import of the project; failures name FILE:LINE',
  async run(argv, io) {
    const a = parseArgs(argv, [], ['tag']);
    const dir = projectDir(io, a.positional);
    const tag = tagFor(dir, a.flags.get('tag'));
    const engine = engineFor(io);
    if (!(await engine.imageSummary(tag)))
      throw new CliError(`image ${tag} not found: build it first (ds-containers build ${dir})`);
    const analysis = await analyzeProject(dir, { signal: io.signal, python: false });
    const r = await checkImports(engine, tag, runtimeSites(analysis), { 'dsContainers.project': dir });
    for (const f of r.failures)
      io.err(
        formatFinding(
          path.relative(io.cwd, path.join(dir, f.site.file)) +
            (f.site.cell !== undefined ? `#cell${f.site.cell + 1}` : ''),
          f.finding,
        ),
      );
    const bad = Object.values(r.results).filter((e) => e).length;
    io.out(
      bad
        ? `${bad} of ${r.modules.length} imports fail in ${tag}`
        : `all ${r.modules.length} imports load in ${tag}${r.modules.length ? `: ${r.modules.join(', ')}` : ''}`,
    );
    return bad ? 1 : 0;
  },
};
