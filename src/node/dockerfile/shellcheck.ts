// Runs ShellCheck (when it is installed) over the RUN scripts of a Dockerfile: one
// `shellcheck --format=json1 --shell=DIALECT -` per script, the script on stdin, argv arrays only (the editor's
// path: a few scripts, most answered from memory). Many Dockerfiles at once (the CLI): shellcheckDockerfiles, one
// process per dialect and core for all their scripts.
// Not installed: quiet (no finding, no message), as hadolint is without it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
// A batch is split across processes only when each gets this many scripts (a start costs tens of milliseconds).
const SLICE = 50;

class NotInstalled extends Error {}

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
          comments = await spawnShellcheck(program, job.shell, { stdin: job.input }, o.timeoutMs ?? 5000, o.env);
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

/**
 * ShellCheck over the RUN scripts of many Dockerfiles at once (`ds-containers lint` of many files): every script
 * not answered before is written to a temporary folder and one `shellcheck FILE...` per dialect (per core when
 * there are many) reads them all
 * (a process per script cost more than the checks); json1 names the file of each comment, which maps it back to
 * its Dockerfile. The same findings as shellcheckDockerfile on each text, in the order of `texts`.
 */
export async function shellcheckDockerfiles(
  texts: readonly string[],
  o: ShellcheckRunOptions & { cwd?: string } = {},
): Promise<ShellcheckResult[]> {
  const program = o.program ?? 'shellcheck';
  const files = texts.map((t) => {
    const ctx = new LintContext(t);
    return { ctx, jobs: shellcheckJobs(ctx) };
  });
  // One file per distinct script (generated Dockerfiles repeat theirs), grouped by dialect: --shell is per call.
  const key = (j: ShellcheckJob) => `${program}\0${j.shell}\0${j.input}`;
  const todo = new Map<string, ShellcheckJob>();
  for (const { jobs } of files) for (const j of jobs) if (!answers.has(key(j))) todo.set(key(j), j);
  const got = new Map<string, ShellcheckComment[]>();
  let missing = false;
  let problem: string | undefined;
  if (todo.size) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-shellcheck-'));
    try {
      sameRcFile(dir, o.cwd ?? process.cwd());
      const byShell = new Map<string, { path: string; key: string }[]>();
      let n = 0;
      for (const [k, j] of todo) {
        const file = path.join(dir, `${n++}.sh`);
        fs.writeFileSync(file, j.input);
        byShell.set(j.shell, [...(byShell.get(j.shell) ?? []), { path: file, key: k }]);
      }
      // Each dialect's files in up to PARALLEL slices of at least SLICE files: one process per core, not per file.
      const slices = [...byShell].flatMap(([shell, list]) => {
        const n = Math.max(1, Math.min(PARALLEL, Math.floor(list.length / SLICE)));
        const size = Math.ceil(list.length / n);
        return Array.from({ length: n }, (_, i) => [shell, list.slice(i * size, (i + 1) * size)] as const);
      });
      await Promise.all(
        slices.map(async ([shell, list]) => {
          const byPath = new Map(list.map((f) => [f.path, f.key]));
          for (const k of byPath.values()) got.set(k, []);
          try {
            const timeoutMs = (o.timeoutMs ?? 5000) + 20 * list.length;
            const comments = await spawnShellcheck(program, shell, { files: [...byPath.keys()] }, timeoutMs, o.env);
            for (const c of comments) {
              const k = c.file === undefined ? undefined : byPath.get(c.file);
              if (k) got.get(k)!.push(c);
            }
          } catch (e) {
            for (const k of byPath.values()) got.delete(k);
            if (e instanceof NotInstalled) missing = true;
            else problem ??= e instanceof Error ? e.message : String(e);
          }
        }),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (missing) return texts.map(() => ({ state: 'not-installed' }));
  for (const [k, comments] of got) {
    if (answers.size >= MAX_ANSWERS) answers.delete(answers.keys().next().value!);
    answers.set(k, comments);
  }
  return files.map(({ ctx, jobs }) => {
    const findings: Finding[] = [];
    let unchecked = false;
    for (const j of jobs) {
      const comments = got.get(key(j)) ?? answers.get(key(j));
      if (comments) findings.push(...shellcheckFindings(ctx, j, comments, o));
      else unchecked = true;
    }
    findings.sort((a, b) => a.line - b.line || a.col - b.col || a.code.localeCompare(b.code));
    return unchecked && problem ? { state: 'failed', findings, message: problem } : { state: 'checked', findings };
  });
}

/**
 * ShellCheck reads the .shellcheckrc nearest to the file it checks (for stdin: to the working folder): the copy
 * of the one nearest to `cwd` in the temporary folder keeps the user's settings in force for the batch.
 */
function sameRcFile(tmp: string, cwd: string): void {
  for (let d = path.resolve(cwd); ; d = path.dirname(d)) {
    for (const name of ['.shellcheckrc', 'shellcheckrc']) {
      const rc = path.join(d, name);
      if (fs.statSync(rc, { throwIfNoEntry: false })?.isFile()) return fs.copyFileSync(rc, path.join(tmp, name));
    }
    if (path.dirname(d) === d) return;
  }
}

/** One ShellCheck process over `files`, or over the script given on stdin. Argv arrays only. */
function spawnShellcheck(
  program: string,
  shell: string,
  input: { files: string[] } | { stdin: string },
  timeoutMs: number,
  env?: NodeJS.ProcessEnv,
) {
  const sources = 'files' in input ? input.files : ['-'];
  const argv = ['--format=json1', `--shell=${shell}`, `--exclude=${SHELLCHECK_EXCLUDE.join(',')}`, ...sources];
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
    p.stdin.end('stdin' in input ? input.stdin : '');
  });
}
