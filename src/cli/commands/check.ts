import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { engineFor, projectDir, tagFor } from './dockerShared';
import { analyzeProject } from '../../node/analyze';
import { checkImports, entryDirOf, entryToImport, runtimeSites } from '../../node/docker/importCheck';
import { formatFinding } from '../../core/findings';
import { compareWithLock, LOCK_FILE, LockError } from '../../node/lock';
import { Engine } from '../../node/docker/engine';
import { checkProjectLock } from './checkProjectLock';

/** Compares the image with requirements.lock (when there is one); true when anything differs. */
async function checkLock(io: CliIo, engine: Engine, dir: string, tag: string): Promise<boolean> {
  const where = path.relative(io.cwd, path.join(dir, LOCK_FILE)) || LOCK_FILE;
  let diffs;
  try {
    diffs = await compareWithLock(engine, dir, tag, { env: io.env });
  } catch (e) {
    if (!(e instanceof LockError)) throw e;
    io.err(`${where}: error: ${e.message}`);
    return true;
  }
  if (!diffs) return false;
  for (const d of diffs) io.err(`${where}:${d.line ? `${d.line}:` : ''} error: ${d.message}`);
  io.out(
    diffs.length ? `${diffs.length} difference(s) between ${tag} and ${LOCK_FILE}` : `${tag} matches ${LOCK_FILE}`,
  );
  return diffs.length > 0;
}

export const checkCommand: CliCommand = {
  name: 'check',
  usage: 'check DIR [--tag TAG]',
  summary: 'run the built image and import every runtime import of the project; failures name FILE:LINE',
  help: [
    `When ${LOCK_FILE} exists, the image's installed distributions are compared with it too: each ` +
      `difference is one ${LOCK_FILE}:LINE: error line, and any difference exits 1.`,
  ],
  async run(argv, io) {
    const a = parseArgs(argv, [], ['tag']);
    const dir = projectDir(io, a.positional);
    const tag = tagFor(dir, a.flags.get('tag'));
    const engine = engineFor(io);
    if (!(await engine.imageSummary(tag)))
      throw new CliError(`image ${tag} not found: build it first (ds-containers build ${dir})`);
    const analysis = await analyzeProject(dir, { signal: io.signal, python: false });
    const r = await checkImports(
      engine,
      tag,
      runtimeSites(analysis),
      { 'dsContainers.project': dir },
      entryDirOf(analysis),
      await entryToImport(dir, analysis),
    );
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
    const drift = (await checkLock(io, engine, dir, tag)) || (await checkProjectLock(io, engine, dir, tag));
    return bad || drift ? 1 : 0;
  },
};
