// ShellCheck over the shell scripts of RUN instructions, as hadolint does: which scripts to check, in which
// dialect, and how its json1 findings map back to Dockerfile lines and columns. Running the program is
// the node layer's part (src/node/dockerfile/shellcheck.ts); this file is text in, findings out.
import type { Arg, Env, Instruction } from 'dockerfile-ast';
import { Finding, Severity } from '../findings';
import { LintContext } from './rules/context';
import { stageChain } from './rules/buildkit/chain';
import { suppressed } from './rules/suppress';
import type { Anchor } from './rules/types';

export const SHELLCHECK_SOURCE = 'shellcheck';

/** Dialects ShellCheck knows (`--shell=`); a RUN for another shell (pwsh, cmd, python) is not checked. */
export type ShellDialect = 'sh' | 'bash' | 'dash' | 'ksh';

/**
 * Codes left out, as hadolint leaves them out: SC1090/SC1091 (a sourced file ShellCheck cannot follow:
 * it is in the image, not here) and SC2187 (ash is not supported: Alpine's sh is checked as sh).
 */
export const SHELLCHECK_EXCLUDE = ['SC1090', 'SC1091', 'SC2187'];

/** One script to hand to ShellCheck, and what is needed to map its findings back. */
export interface ShellcheckJob {
  shell: ShellDialect;
  /** The text ShellCheck reads: a line declaring the ARG/ENV names in scope, then the script. */
  input: string;
  /** Lines of `input` before the script (findings there are not the user's). */
  prefixLines: number;
  /** map[i]: Dockerfile offset of script character i; map[script length]: the end. */
  map: number[];
  /** Offset in `input` where the script starts. */
  scriptStart: number;
}

/** One finding of `shellcheck --format=json1` (1-based lines; columns count a tab as one character). */
export interface ShellcheckComment {
  /** The file ShellCheck read (`-` for stdin): a batch of several files says which one each comment is on. */
  file?: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

const DIALECTS: Record<string, ShellDialect> = { sh: 'sh', bash: 'bash', dash: 'dash', ksh: 'ksh', ash: 'sh' };
// Docker's default SHELL on Linux is ["/bin/sh", "-c"].
const DEFAULT_DIALECT: ShellDialect = 'sh';

/** The dialect of a shell program path (`/bin/bash`, `/usr/bin/env bash`, `busybox sh`), or undefined. */
export function dialectOf(argv: string[]): ShellDialect | undefined {
  let words = argv.map((w) => w.split('/').pop() ?? w);
  if (words[0] === 'env' || words[0] === 'busybox') words = words.slice(1).filter((w) => !w.startsWith('-'));
  return DIALECTS[words[0] ?? ''];
}

/** The SHELL argv in effect for a RUN: the last SHELL before it in its stage, else inherited from its base stage. */
function shellArgv(ctx: LintContext, run: Instruction, stage: number): string[] | undefined {
  const line = run.getRange().start.line;
  for (const st of stageChain(ctx, stage)) {
    const shells = st.instructions.filter((i) => i.getKeyword() === 'SHELL' && i.getRange().start.line < line);
    const last = shells[shells.length - 1];
    if (!last) continue;
    const a = last.getArgumentsRange();
    try {
      const argv = a ? JSON.parse(ctx.text.slice(ctx.offset(a.start), ctx.offset(a.end))) : undefined;
      return Array.isArray(argv) && argv.every((w) => typeof w === 'string') ? argv : [];
    } catch {
      return []; // not a JSON array: Docker refuses it; nothing to check against
    }
  }
  return undefined;
}

/** ARG and ENV names declared before a RUN in its stage and the stages it is built on. */
function namesInScope(ctx: LintContext, run: Instruction, stage: number): string[] {
  const line = run.getRange().start.line;
  const names = new Set<string>();
  for (const st of stageChain(ctx, stage)) {
    for (const i of st.instructions) {
      const k = i.getKeyword();
      if (i.getRange().start.line >= line || (k !== 'ARG' && k !== 'ENV')) continue;
      const props = k === 'ENV' ? (i as Env).getProperties() : [(i as Arg).getProperty()];
      for (const p of props) if (p && /^[A-Za-z_]\w*$/.test(p.getName())) names.add(p.getName());
    }
  }
  return [...names].sort();
}

/** The first line of a RUN's arguments after `<<EOF`: a program that reads the heredoc (`RUN <<EOF python3`). */
function heredocReader(ctx: LintContext, run: Instruction): string[] {
  const a = run.getArgumentsRange();
  if (!a) return [];
  const from = ctx.offset(a.start);
  const eol = ctx.text.indexOf('\n', from);
  const first = ctx.text.slice(from, eol < 0 ? undefined : eol);
  const m = /^<<-?[ \t]*(["']?)[A-Za-z_][\w.-]*\1(.*)$/.exec(first.replace(/\r$/, ''));
  return (m?.[2] ?? '').split(/[ \t]+/).filter((w) => w && !/^[<>|&;]/.test(w));
}

/** One ShellCheck job per shell-form RUN of the file whose shell ShellCheck knows (JSON-form RUNs are not shell). */
export function shellcheckJobs(ctx: LintContext): ShellcheckJob[] {
  const jobs: ShellcheckJob[] = [];
  for (const [stage, st] of ctx.stages.entries()) {
    for (const run of st.instructions) {
      if (run.getKeyword() !== 'RUN') continue;
      const script = ctx.script(run);
      if (!script || !script.text.trim()) continue;
      const argv = shellArgv(ctx, run, stage);
      let shell = argv ? dialectOf(argv) : DEFAULT_DIALECT;
      let text = script.text;
      let map = script.map;
      if (script.heredoc) {
        const reader = heredocReader(ctx, run);
        if (reader.length) shell = dialectOf(reader);
        // A heredoc that starts with #! is run as a program of its own (BuildKit): that program decides.
        const bang = /^#![ \t]*(\S+)(?:[ \t]+(\S+))?/.exec(text);
        if (bang && !reader.length) shell = dialectOf([bang[1], ...(bang[2] ? [bang[2]] : [])]);
        if (bang) text = ' '.repeat(bang[0].length) + text.slice(bang[0].length);
      }
      if (!shell) continue;
      ({ text, map } = withoutCarriageReturns(text, map));
      const names = namesInScope(ctx, run, stage);
      // Names the Dockerfile sets are set for the script: ShellCheck would call them unassigned (SC2154).
      const prefix = names.length ? `export ${names.map((n) => `${n}=1`).join(' ')}\n` : '';
      jobs.push({ shell, input: prefix + text, prefixLines: prefix ? 1 : 0, map, scriptStart: prefix.length });
    }
  }
  return jobs;
}

/** Docker reads a CRLF Dockerfile line by line: the shell never sees the CR (ShellCheck would, SC1017). */
function withoutCarriageReturns(text: string, map: number[]): { text: string; map: number[] } {
  if (!text.includes('\r')) return { text, map };
  let out = '';
  const kept: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && (text[i + 1] === '\n' || i + 1 === text.length)) continue;
    out += text[i];
    kept.push(map[i]);
  }
  kept.push(map[text.length]);
  return { text: out, map: kept };
}

/** The comments of `shellcheck --format=json1` output; none when it is not that format. */
export function parseShellcheckJson1(stdout: string): ShellcheckComment[] {
  try {
    const parsed = JSON.parse(stdout) as { comments?: unknown };
    return Array.isArray(parsed.comments) ? (parsed.comments as ShellcheckComment[]) : [];
  } catch {
    return [];
  }
}

const SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'information', style: 'hint' };

/** ShellCheck's page for a code (SC2086 → www.shellcheck.net/wiki/SC2086). */
export function shellcheckAnchor(code: string): Anchor {
  return { tool: 'ShellCheck', id: code, url: `https://www.shellcheck.net/wiki/${code}` };
}

export const isShellcheckCode = (code: string): boolean => /^SC\d{4}$/.test(code);

export interface ShellcheckOptions {
  /** Per-code severity override or 'off' (the dsContainers.lint.rules setting names codes like SC2086). */
  severities?: Record<string, Severity | 'off'>;
}

/** ShellCheck's comments on one job, as findings on the Dockerfile's lines (minus `# dsc-ignore SC…`). */
export function shellcheckFindings(
  ctx: LintContext,
  job: ShellcheckJob,
  comments: ShellcheckComment[],
  opts: ShellcheckOptions = {},
): Finding[] {
  const starts = [0];
  for (let i = 0; i < job.input.length; i++) if (job.input[i] === '\n') starts.push(i + 1);
  // ShellCheck counts characters (code points); JavaScript strings count UTF-16 units.
  const offsetOf = (line: number, column: number): number => {
    let at = starts[Math.min(Math.max(line - 1, 0), starts.length - 1)];
    for (let c = 1; c < column && at < job.input.length && job.input[at] !== '\n'; c++)
      at += job.input.codePointAt(at)! > 0xffff ? 2 : 1;
    return at - job.scriptStart;
  };
  const scriptLength = job.map.length - 1;
  const out: Finding[] = [];
  for (const c of comments) {
    const code = `SC${c.code}`;
    if (c.line <= job.prefixLines || SHELLCHECK_EXCLUDE.includes(code)) continue;
    const configured = opts.severities?.[code];
    if (configured === 'off') continue;
    const a = Math.min(Math.max(offsetOf(c.line, c.column), 0), scriptLength);
    const b = Math.min(Math.max(offsetOf(c.endLine, c.endColumn), a), scriptLength);
    const start = job.map[a];
    // The end is just past the last character ShellCheck named (an empty range stays empty).
    const end = b > a ? job.map[b - 1] + 1 : start;
    const span = ctx.span(start, end);
    if (suppressed(ctx, code, span.line)) continue;
    out.push({
      ...span,
      severity: configured ?? SEVERITY[c.level] ?? 'warning',
      code,
      message: c.message,
      source: SHELLCHECK_SOURCE,
    });
  }
  return out;
}
