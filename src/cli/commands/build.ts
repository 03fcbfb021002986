import { CliCommand } from '../io';
import { parseArgs } from '../args';
import { buildWithProgress, dataThresholdFlag, engineFor, projectDir, tagFor } from './dockerShared';

export const buildCommand: CliCommand = {
  name: 'build',
  usage: 'build DIR [--tag TAG] [--data-threshold MB]',
  summary: 'build the project image (BuildKit when the engine has it); a failure names its Dockerfile line',
  async run(argv, io) {
    const a = parseArgs(argv, [], ['tag', 'data-threshold']);
    const dir = projectDir(io, a.positional);
    const r = await buildWithProgress(io, engineFor(io), dir, tagFor(dir, a.flags.get('tag')), {
      dataThresholdMB: dataThresholdFlag(a.flags.get('data-threshold')),
    });
    return r.ok ? 0 : 1;
  },
};
