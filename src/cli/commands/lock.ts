import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { LOCK_FILE, LockError, lockProject, LockResult } from '../../node/lock';
import { ImageNotFound } from '../../node/docker/imageProbe';
import { readIfExists, safeWrite, unifiedDiff } from '../../node/files';
import { installThroughLockFix, pinBaseFix } from '../../core/environment/dockerfileLock';
import { applyEdits } from '../../core/edits';
import { FixAction } from '../../core/findings';

export const lockCommand: CliCommand = {
  name: 'lock',
  usage: 'lock DIR [--tag TAG] [--fix] [--force]',
  summary: `write ${LOCK_FILE}: every distribution installed in the built image, exactly (pip -c reads it)`,
  help: [
    `Reads the image's own Python offline and writes DIR/${LOCK_FILE} (sorted name==version, what pip freeze ` +
      'shows, with the image id, the base image and its digest when it has one, and the Python version). ' +
      'Unchanged content is not rewritten. When the Dockerfile does not install through the lock, or its base ' +
      'could be pinned by digest, the change is shown as a diff; --fix applies it. --force replaces a lock that ' +
      'is broken, for another Python, or from a newer image.',
  ],
  async run(argv, io) {
    const a = parseArgs(argv, ['fix', 'force'], ['tag']);
    const dir = projectDir(io, a.positional);
    return lockImage(io, dir, tagFor(dir, a.flags.get('tag')), {
      fix: a.flags.has('fix'),
      force: a.flags.has('force'),
    });
  },
};

/** Writes the lock from the built image and proposes the Dockerfile's changes: `lock`, and `up --lock`. */
export async function lockImage(
  io: CliIo,
  dir: string,
  tag: string,
  o: { fix?: boolean; force?: boolean } = {},
): Promise<number> {
  const engine = engineFor(io);
  let r: LockResult;
  try {
    r = await lockProject(engine, dir, tag, { env: io.env, force: o.force });
  } catch (e) {
    if (e instanceof ImageNotFound)
      throw new CliError(`image ${tag} not found: build it first (ds-containers build ${dir})`, 1);
    if (e instanceof LockError)
      throw new CliError(
        `${e.file ? `${rel(io, dir, e.file)}${e.line ? `:${e.line}` : ''}: ` : ''}${e.message}` +
          (e.replaceable ? ' (--force replaces it)' : ''),
        1,
      );
    throw e;
  }
  const where = rel(io, dir, LOCK_FILE);
  const from = r.base
    ? `, base ${r.base}${r.baseDigest ? `@${r.baseDigest.slice(0, 19)}…` : ' (no registry digest)'}`
    : '';
  io.out(
    `${where}: ${r.outcome === 'unchanged' ? 'unchanged' : r.outcome === 'created' ? 'written' : 'updated'}: ` +
      `${r.count} distributions from ${tag} (Python ${r.facts.python?.version}${from})`,
  );
  return proposeDockerfile(io, dir, r, !!o.fix);
}

/** Shows (and with --fix applies) what the Dockerfile needs to install through the lock and pin its base. */
async function proposeDockerfile(io: CliIo, dir: string, r: LockResult, fix: boolean): Promise<number> {
  const file = path.join(dir, 'Dockerfile');
  const text = await readIfExists(file);
  if (text === undefined) return 0;
  const fixes: FixAction[] = [];
  const through = installThroughLockFix(text);
  if (through) fixes.push(through);
  const pin = r.base && r.baseDigest ? pinBaseFix(text, r.base, r.baseDigest) : undefined;
  if (pin) fixes.push(pin);
  if (!fixes.length) return 0;
  const proposed = applyEdits(
    text,
    fixes.flatMap((f) => f.edits),
  );
  const name = rel(io, dir, 'Dockerfile');
  for (const f of fixes) io.out(`${name}: ${f.title}`);
  if (!fix) {
    io.out(unifiedDiff(name, text, proposed).replace(/\n$/, ''));
    io.out(`${name}: left as it is; rerun with --fix to apply`);
    return 0;
  }
  await safeWrite(file, proposed, { overwrite: true });
  io.out(`${name}: updated (--fix)`);
  return 0;
}

function rel(io: CliIo, dir: string, file: string): string {
  return path.relative(io.cwd, path.join(dir, file)) || file;
}
