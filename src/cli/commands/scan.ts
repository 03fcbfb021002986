import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from '../args';
import { CliCommand, CliError } from '../io';
import { analyzeProject } from '../../node/analyze';
import { explainRequirement, findRequirement } from '../../core/python/explain';
import { PYTHON_FLAGS, PYTHON_FLAGS_HELP, pythonFlags } from '../pythonFlags';

/** `ds-containers scan DIR`: the runtime requirements on stdout, warnings on stderr. */
export const scanCommand: CliCommand = {
  name: 'scan',
  usage: 'scan DIR [--no-pin] [--json] [--explain NAME] [--interpreter PATH] [--offline]',
  summary: 'List the runtime requirements of a project from its imports (warnings on stderr).',
  help: [
    '--explain NAME       why NAME (distribution or import) is there: imported',
    '                     at FILE:LINE, needed by X for Y, declared in FILE',
    ...PYTHON_FLAGS_HELP,
  ],
  async run(argv, io) {
    const args = parseArgs(argv, ['no-pin', 'json', 'offline'], [...PYTHON_FLAGS, 'explain']);
    if (args.positional.length > 1) throw new CliError(`expected one folder, got ${args.positional.length}`);
    const dir = path.resolve(io.cwd, args.positional[0] ?? '.');
    const st = await fs.stat(dir).catch(() => undefined);
    if (!st) throw new CliError(`no such folder: ${dir}`);
    if (!st.isDirectory()) throw new CliError(`not a folder: ${dir}`);
    const { interpreter } = pythonFlags(args.flags);
    const analysis = await analyzeProject(dir, {
      python: interpreter ?? 'python3',
      noPin: args.flags.has('no-pin'),
      offline: args.flags.has('offline'),
      signal: io.signal,
    });
    for (const w of analysis.warnings) {
      const file =
        w.file === '.' ? path.relative(io.cwd, dir) || '.' : path.relative(io.cwd, path.join(dir, w.file)) || w.file;
      io.err(`${file}${w.line ? `:${w.line}` : ''}: warning: ${w.message}`);
    }
    const explain = args.flags.get('explain');
    if (typeof explain === 'string') {
      const r = findRequirement(analysis.requirements, explain);
      if (!r) throw new CliError(`${explain}: not among the requirements scan found in ${dir}`);
      for (const l of explainRequirement(r)) io.out(l);
      return 0;
    }
    if (args.flags.has('json')) {
      // Also flat: every third-party import with its distribution, version and verification.
      const imports = analysis.requirements
        .flatMap((r) => r.sites.map((s) => ({ ...s, distribution: r.name, version: r.version, verified: r.verified })))
        .sort((a, b) =>
          a.file < b.file ? -1 : a.file > b.file ? 1 : (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line,
        );
      // The interpreter's whole installed set is for pinning, not for readers of the analysis.
      const interpreter = analysis.interpreter && {
        ...analysis.interpreter,
        installed: undefined,
        requires: undefined,
      };
      io.out(JSON.stringify({ ...analysis, interpreter, imports }, null, 2));
      return 0;
    }
    for (const r of analysis.requirements) {
      if (r.class !== 'runtime' || r.unavailable) continue;
      io.out(r.version && !args.flags.has('no-pin') ? `${r.name}==${r.version}` : r.name);
    }
    return 0;
  },
};
