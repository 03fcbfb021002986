// Runs ShellCheck (when it is installed) over the RUN scripts of a Dockerfile: one
// `shellcheck --format=json1 --shell=DIALECT -` per script, the script on stdin, argv arrays only.
// Not installed: quiet (no finding, no message), as hadolint is without it.
import { spawn } from 'node:child_process';
import { Finding } from '../../core/findings';
import { LintContext } from '../../core/dockerfile/rules/context';
import {
  SHELLCHECK_EXCLUDE,
  ShellcheckComment,
  ShellcheckJob,
  ShellcheckOptions,
  parseShellcheckJson1,
  shellcheckFindings,
  shellcheckJobs,
} from '../../core/dockerfile/shellcheck';

export interface ShellcheckRunOptions extends ShellcheckOptions {
  /** The program; default `shellcheck` on PATH. */
  program?: string;
  /** Kill one ShellCheck that runs longer than this (default 5000 ms): its script goes unchecked. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export type ShellcheckResult =
  | { state: 'checked'; findings: Finding[] }
  | { state: 'not-installed' }
  | { state: 'failed'; findings: Finding[]; message: string };

// ShellCheck starts in tens of milliseconds: while typing, only the RUN being edited is new, the others'
// answers come from here (by dialect and script text).
const answers = new Map<string, ShellcheckComment[]>();
const MAX_ANSWERS = 500;
// Two at a time: the machine has other work (the editor, a build).
const PARALLEL = 2;

class NotInstalled extends Error {}

function run(program: string, job: ShellcheckJob, timeoutMs: number, env?: NodeJS.ProcessEnv) {
  const argv = ['--format=json1', `--shell=${job.shell}`, `--exclude=${SHELLCHECK_EXCLUDE.join(',')}`, '-'];
  return new Promise<ShellcheckComment[]>((resolve, reject) => {
    const p = spawn(program, argv, { env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    p.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new NotInstalled() : e);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      // 0: nothing found, 1: findings; anything else is ShellCheck refusing (bad option, old version).
      if (code === 0 || code === 1) resolve(parseShellcheckJson1(stdout));
      else if (signal) reject(new Error(`shellcheck took longer than ${timeoutMs} ms`));
      else reject(new Error(`shellcheck exited ${code}: ${stderr.trim().split('\n')[0] ?? ''}`));
    });
    p.stdin.on('error', () => {
      /* it may exit before reading everything; its exit code tells */
    });
    p.stdin.end(job.input);
  });
}

/** ShellCheck's findings on every shell-form RUN of the Dockerfile `text`, mapped to its lines and columns. */
export async function shellcheckDockerfile(text: string, o: ShellcheckRunOptions = {}): Promise<ShellcheckResult> {
  const program = o.program ?? 'shellcheck';
  const ctx = new LintContext(text);
  const jobs = shellcheckJobs(ctx);
  const findings: Finding[] = [];
  const problems: string[] = [];
  let missing = false;
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !missing) {
      const job = jobs[next++];
      const key = `${program}\0${job.shell}\0${job.input}`;
      try {
        let comments = answers.get(key);
        if (!comments) {
          comments = await run(program, job, o.timeoutMs ?? 5000, o.env);
          if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
          answers.set(key, comments);
        }
        findings.push(...shellcheckFindings(ctx, job, comments, o));
      } catch (e) {
        if (e instanceof NotInstalled) missing = true;
        else problems.push(e instanceof Error ? e.message : String(e));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, jobs.length) }, worker));
  if (missing) return { state: 'not-installed' };
  findings.sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
  return problems.length ? { state: 'failed', findings, message: problems[0] } : { state: 'checked', findings };
}
