import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { CliCommand, CliIo } from '../io';
import { parseArgs } from '../args';
import { buildWithProgress, dataThresholdFlag, engineFor, projectDir, tagFor } from './dockerShared';
import { envFilesOf, MOUNT_HELP, mountOf, quoteArg, runWithOutput } from './run';
import { DATA_HELP, SCAFFOLD_FLAGS, SCAFFOLD_VALUED, scaffoldWith } from './scaffold';
import { missingScaffoldFiles } from '../../node/scaffold';
import { LOCK_FILE } from '../../node/lock';
import { lockImage } from './lock';
import { PINS_HELP, PYTHON_FLAGS_HELP } from '../pythonFlags';
import { PYTHON_FIX_HELP } from '../pythonFix';
import { safeWrite, unifiedDiff } from '../../node/files';
import { baseImageChange } from '../../core/dockerfile/rebase';
import { trace } from '../../node/trace';

// Flags that change what scaffold writes: given explicitly, they are never ignored because the files exist.
const SHAPING = ['mode', 'python', 'python-version', 'entry', 'exclude', 'gpu', 'python-fix', 'rename-stubs'];

export const upCommand: CliCommand = {
  name: 'up',
  usage:
    'up DIR [--tag TAG] [--base-image IMAGE] [--mode MODE] [--entry FILE] [--exclude NAME]… [--force] ' +
    '[--pins interpreter|image|none] [--interpreter PATH] [--python-version X.Y] [--python-fix base|upgrade] ' +
    '[--rename-stubs] [--lock] [--no-mount] ' +
    '[--env-file FILE]… [--data-threshold MB] [--keep-data PATH]… [--verbose] [-- ARGS]',
  summary: 'scaffold the missing files, build, and run: the whole way from source to a running container',
  help: [
    ...PINS_HELP,
    '--no-pin             old spelling of --pins none',
    ...PYTHON_FLAGS_HELP,
    ...PYTHON_FIX_HELP,
    ...DATA_HELP,
    `--lock               after a successful build, write ${LOCK_FILE}`,
    '                     from the image (ds-containers lock)',
    'An image built from the same context, Dockerfile and base images is run as it is, without a ' +
      'build (a build would only reuse its cache); `ds-containers build` always builds.',
    ...MOUNT_HELP,
  ],
  async run(argv, io) {
    const a = parseArgs(
      argv,
      ['mount', 'no-mount', 'lock', ...SCAFFOLD_FLAGS],
      ['tag', 'env-file', ...SCAFFOLD_VALUED],
    );
    const dir = projectDir(io, a.positional);
    const tag = tagFor(dir, a.flags.get('tag'));
    const force = a.flags.has('force');
    const base = a.flags.get('base-image');
    trace('up: start');
    const missing = await missingScaffoldFiles(dir);
    let rebased = false;
    if (typeof base === 'string' && !missing.includes('Dockerfile')) {
      const code = await offerBaseImage(io, dir, base, force);
      if (code !== 0) return code;
      rebased = force;
    }
    const shaping = SHAPING.some((f) => a.flags.has(f));
    if (missing.length || shaping || (force && !rebased)) {
      // Scaffold writes what is missing, merges requirements.txt and replaces the rest only with --force.
      // Pins: --pins interpreter|image|none (and --no-pin) are forwarded with the other scaffold flags.
      // --force that changed the FROM of the user's Dockerfile is not also consent to replace the whole file.
      const flags = new Map(a.flags);
      if (rebased) flags.delete('force');
      const code = await scaffoldWith({ ...a, positional: [dir], flags }, io, {
        nextHint: false,
        keptIsError: shaping,
        envHint: false,
        stopOnUninstallable: true,
      });
      if (code !== 0) return code;
    }
    trace('up: scaffold checked');
    const engine = engineFor(io);
    trace('up: engine loaded');
    const dataThresholdMB = dataThresholdFlag(a.flags.get('data-threshold'));
    const built = await buildWithProgress(io, engine, dir, tag, { reuseUnchanged: true, dataThresholdMB });
    if (!built.ok) return 1;
    trace('up: built');
    if (a.flags.has('lock')) {
      const code = await lockImage(io, dir, tag);
      if (code !== 0) return code;
    } else if (!existsSync(path.join(dir, LOCK_FILE))) {
      io.out(
        'Lock this environment so that a rebuild gets exactly it: ' +
          `ds-containers lock ${quoteArg(path.relative(io.cwd, dir) || '.')}`,
      );
    }
    const envFiles = envFilesOf(a.lists);
    trace('up: lock checked');
    return runWithOutput(io, engine, dir, tag, { args: a.rest, mount: mountOf(a.flags), envFiles, dataThresholdMB });
  },
};

/**
 * --base-image against an existing Dockerfile: its FROM changes only with consent (--force); without it
 * the difference is said, with the diff, and up stops rather than build the other image.
 */
async function offerBaseImage(io: CliIo, dir: string, image: string, force: boolean): Promise<number> {
  const file = path.join(dir, 'Dockerfile');
  const text = await fs.readFile(file, 'utf8');
  const change = baseImageChange(text, image);
  if (!change) return 0;
  const rel = path.relative(io.cwd, file) || 'Dockerfile';
  io.err(`${rel}:${change.line}: FROM ${change.current}, but --base-image ${image} was asked`);
  io.out(unifiedDiff('Dockerfile', text, change.text).replace(/\n$/, ''));
  if (!force) {
    io.err(
      `${rel}: left as it is; rerun with --force to apply this change, ` +
        `or drop --base-image to build FROM ${change.current}`,
    );
    return 1;
  }
  await safeWrite(file, change.text, { overwrite: true });
  io.out(`${rel}: FROM ${image} (--force)`);
  return 0;
}
