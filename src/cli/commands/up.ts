import { CliCommand } from '../io';
import { parseArgs } from '../args';
import { buildWithProgress, engineFor, projectDir, tagFor } from './dockerShared';
import { runWithOutput } from './run';
import { makeScaffoldCommand } from './scaffold';
import { analyzeProject } from '../../node/analyze';
import { missingScaffoldFiles } from '../../node/scaffold';

export const upCommand: CliCommand = {
  name: 'up',
  usage: 'up DIR [--tag TAG] [--base-image IMAGE] [--mode MODE] [--no-pin] [--mount] [-- ARGS]',
  summary: 'scaffold the missing files, build, and run: the whole way from source to a running container',
  async run(argv, io) {
    const a = parseArgs(argv, ['no-pin', 'mount'], ['tag', 'base-image', 'mode']);
    const dir = projectDir(io, a.positional);
    const tag = tagFor(dir, a.flags.get('tag'));
    const missing = await missingScaffoldFiles(dir);
    if (missing.length) {
      // Scaffold never overwrites: it writes what is missing and merges requirements.txt.
      // Pins come from the local interpreter; --no-pin leaves them to pip (offline mirrors, other platforms).
      const noPin = a.flags.has('no-pin');
      const scaffold = makeScaffoldCommand((root, o) => analyzeProject(root, { ...o, noPin }), { nextHint: false });
      const flags = (['base-image', 'mode'] as const).flatMap((f) =>
        typeof a.flags.get(f) === 'string' ? [`--${f}`, a.flags.get(f) as string] : [],
      );
      const code = await scaffold.run([dir, ...flags], io);
      if (code !== 0) return code;
    }
    const engine = engineFor(io);
    const built = await buildWithProgress(io, engine, dir, tag);
    if (!built.ok) return 1;
    return runWithOutput(io, engine, dir, tag, a.rest, a.flags.has('mount') || undefined);
  },
};
