import { CliCommand } from '../io';
import { parseArgs } from '../args';
import { buildWithProgress, engineFor, projectDir, tagFor } from './dockerShared';
import { runWithOutput } from './run';
import { makeScaffoldCommand } from './scaffold';
import { analyzeProject } from '../../node/analyze';
import { missingScaffoldFiles } from '../../node/scaffold';
import { LOCK_FILE } from '../../node/lock';
import { lockCommand } from './lock';
import { PINS_HELP, PYTHON_FLAGS, PYTHON_FLAGS_HELP } from '../pythonFlags';
import * as fs from 'fs';
import * as path from 'path';

export const upCommand: CliCommand = {
  name: 'up',
  usage: 'up DIR [--tag TAG] [--base-image IMAGE] [--mode MODE] [--pins interpreter|image|none] [--interpreter PATH] ' +
    '[--python-version X.Y] [--lock] [--mount] [-- ARGS]',
  summary: 'scaffold the missing files, build, and run: the whole way from source to a running container',
  help: [...PINS_HELP, '--no-pin             old spelling of --pins none', ...PYTHON_FLAGS_HELP,
    `--lock               after a successful build, write ${LOCK_FILE} from the image (ds-containers lock)`],
  async run(argv, io) {
    const a = parseArgs(argv, ['no-pin', 'mount', 'lock'], ['tag', 'base-image', 'mode', 'pins', ...PYTHON_FLAGS]);
    const dir = projectDir(io, a.positional);
    const tag = tagFor(dir, a.flags.get('tag'));
    const missing = await missingScaffoldFiles(dir);
    if (missing.length) {
      // Scaffold never overwrites: it writes what is missing and merges requirements.txt.
      // Pins come from the local interpreter, the base image, or nowhere (--pins none: pip chooses).
      const scaffold = makeScaffoldCommand(analyzeProject, { nextHint: false });
      const passed = ['base-image', 'mode', 'pins', ...PYTHON_FLAGS] as const;
      const flags = passed.flatMap((f) => (typeof a.flags.get(f) === 'string' ? [`--${f}`, a.flags.get(f) as string] : []));
      if (a.flags.has('no-pin')) flags.push('--no-pin');
      const code = await scaffold.run([dir, ...flags], io);
      if (code !== 0) return code;
    }
    const engine = engineFor(io);
    const built = await buildWithProgress(io, engine, dir, tag);
    if (!built.ok) return 1;
    if (a.flags.has('lock')) {
      const code = await lockCommand.run([dir, '--tag', tag], io);
      if (code !== 0) return code;
    } else if (!fs.existsSync(path.join(dir, LOCK_FILE))) {
      io.out(`Lock this environment so that a rebuild gets exactly it: ds-containers lock ${path.relative(io.cwd, dir) || '.'}`);
    }
    return runWithOutput(io, engine, dir, tag, a.rest, a.flags.has('mount') || undefined);
  },
};
