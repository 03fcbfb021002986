import * as fs from 'fs';
import * as path from 'path';
import { CliCommand, CliError } from '../io';
import { parseArgs } from '../args';
import { lintDockerfile } from '../../core/dockerfile/lint';
import { dscFindings } from '../../core/dockerfile/rules';
import { Finding, formatFinding, hasErrors } from '../../core/findings';
import { lintDevcontainer } from '../../core/devcontainer/lint';

function read(file: string, cwd: string): string {
  try {
    return fs.readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a Dockerfile'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
}

/**
 * The ignore patterns Docker applies when the Dockerfile's folder is the build context: a
 * `<Dockerfile>.dockerignore` beside it wins over `.dockerignore` (BuildKit's rule).
 */
function ignorePatterns(file: string, cwd: string): string[] | undefined {
  const abs = path.resolve(cwd, file);
  for (const f of [`${abs}.dockerignore`, path.join(path.dirname(abs), '.dockerignore')]) {
    try {
      return fs
        .readFileSync(f, 'utf8')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
    } catch {
      // none here: the next candidate, or no patterns
    }
  }
  return undefined;
}

/**
 * `ds-containers lint FILE...`: every finding as FILE:LINE:COL, exit 1 when any is an error, 2 when a file
 * cannot be read.
 */
export const lint: CliCommand = {
  name: 'lint',
  usage: 'lint FILE...',
  summary:
    'Check Dockerfiles (syntax and DSC rules) and devcontainer.json files; ' +
    'prints FILE:LINE:COL: severity CODE: message, exit 1 on any error',
  async run(argv, io) {
    const { positional } = parseArgs(argv, []);
    if (!positional.length) throw new CliError('name at least one Dockerfile, e.g. ds-containers lint Dockerfile');
    // An unreadable file is one line on stderr; the others are still linted, and the exit code says 2.
    let errors = false;
    let unreadable = false;
    for (const file of positional) {
      let text: string;
      try {
        text = read(file, io.cwd);
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.err(`ds-containers lint: ${e.message}`);
        unreadable = true;
        continue;
      }
      const findings: Finding[] = isDevcontainer(file)
        ? lintDevcontainer(text, {
            exists: (rel) =>
              fs.statSync(path.resolve(io.cwd, path.dirname(file), rel), { throwIfNoEntry: false })?.isFile() ?? false,
          })
        : lintDockerfile(text, {
            extraRules: (t) => dscFindings(t, { facts: { dockerignore: ignorePatterns(file, io.cwd) } }),
          });
      for (const f of findings) io.out(formatFinding(file, f));
      errors ||= hasErrors(findings);
    }
    return unreadable ? 2 : errors ? 1 : 0;
  },
};

/** devcontainer.json and .devcontainer.json (Dev Containers' two names); anything else is a Dockerfile. */
export function isDevcontainer(file: string): boolean {
  return /(^|[\\/])\.?devcontainer\.json$/.test(file);
}
