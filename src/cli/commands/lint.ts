import * as fs from 'fs';
import * as path from 'path';
import { CliCommand, CliError, CliIo } from '../io';
import { parseArgs } from '../args';
import { lintDockerfile } from '../../core/dockerfile/lint';
import { LintFacts, dscFindings } from '../../core/dockerfile/rules';
import { Finding, formatFinding, hasErrors } from '../../core/findings';
import { lintDevcontainer } from '../../core/devcontainer/lint';
import { ShellcheckResult, shellcheckDockerfiles } from '../../node/dockerfile/shellcheck';
import { dockerignorePatterns } from '../../node/dockerfile/ignoreFile';
import { platformFacts } from '../../node/dockerfile/platformFacts';
import { LintContext } from '../../core/dockerfile/rules/context';
import { baseImageRefs } from '../../core/dockerfile/rules/buildkit/platform';
import { engineFor } from './dockerShared';
import { lockLintFacts } from '../../core/environment/dockerfileLock';
import { LOCK_FILE } from '../../core/projectFiles';

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
    const files: { file: string; text: string }[] = [];
    for (const file of positional) {
      try {
        files.push({ file, text: read(file, io.cwd) });
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
        io.err(`ds-containers lint: ${e.message}`);
        unreadable = true;
      }
    }
    // The whole run's questions at once: one ShellCheck per dialect for every RUN script, the engine once per
    // base image (a question per file made 600 files a minute's work).
    const dockerfiles = files.filter((f) => !isDevcontainer(f.file));
    const [shell, platforms] = await Promise.all([
      shellcheckDockerfiles(
        dockerfiles.map((f) => f.text),
        { env: io.env, cwd: io.cwd },
      ),
      enginePlatforms(
        dockerfiles.map((f) => f.text),
        io,
      ),
    ]);
    const shellOf = new Map(dockerfiles.map((f, i) => [f, shell[i]]));
    for (const f of files) {
      const sc = shellOf.get(f);
      const findings: Finding[] = sc
        ? lintDockerfileFully(f.file, f.text, sc, platforms, io)
        : lintDevcontainer(f.text, {
            exists: (rel) =>
              fs.statSync(path.resolve(io.cwd, path.dirname(f.file), rel), { throwIfNoEntry: false })?.isFile() ??
              false,
          });
      for (const x of findings) io.out(formatFinding(f.file, x));
      errors ||= hasErrors(findings);
    }
    return unreadable ? 2 : errors ? 1 : 0;
  },
};

/** Syntax, DSC rules and Docker's build checks, plus ShellCheck's findings on the RUN scripts when it is installed. */
function lintDockerfileFully(
  file: string,
  text: string,
  sc: ShellcheckResult,
  platforms: LintFacts,
  io: CliIo,
): Finding[] {
  if (sc.state === 'failed') io.err(`ds-containers lint: ${file}: ShellCheck: ${sc.message}`);
  const shell = sc.state === 'not-installed' ? [] : sc.findings;
  const facts = {
    dockerignore: dockerignorePatterns(path.resolve(io.cwd, file)),
    lock: lockBeside(file, io.cwd),
    ...platforms,
  };
  return lintDockerfile(text, { extraRules: (t) => [...dscFindings(t, { facts }), ...shell] });
}

/** requirements.lock beside the Dockerfile, for DSC003 (its base digest) and DSC019. */
function lockBeside(file: string, cwd: string): LintFacts['lock'] {
  try {
    return lockLintFacts(fs.readFileSync(path.join(path.dirname(path.resolve(cwd, file)), LOCK_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The local base images' platforms and users when a Docker engine answers within a second and a half; else none.
 * One engine for the run, each base image asked once whichever files name it (the facts are keyed by image).
 */
async function enginePlatforms(texts: string[], io: CliIo): Promise<LintFacts> {
  const refs = [...new Set(texts.flatMap((t) => baseImageRefs(new LintContext(t))))];
  if (!refs.length) return {};
  try {
    return await platformFacts(engineFor(io), refs);
  } catch {
    return {};
  }
}

/** devcontainer.json and .devcontainer.json (Dev Containers' two names); anything else is a Dockerfile. */
export function isDevcontainer(file: string): boolean {
  return /(^|[\\/])\.?devcontainer\.json$/.test(file);
}
