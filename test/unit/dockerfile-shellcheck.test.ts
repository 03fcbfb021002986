// ShellCheck on RUN scripts: which scripts go to it (and in which dialect), and how its json1 answers map
// back to Dockerfile lines and columns, with answers recorded from shellcheck 0.9.0; then the real program,
// when it is installed (CI installs it), through the node runner and `ds-containers lint`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LintContext } from '../../src/core/dockerfile/rules/context';
import {
  dialectOf,
  parseShellcheckJson1,
  shellcheckFindings,
  shellcheckJobs,
} from '../../src/core/dockerfile/shellcheck';
import { shellcheckDockerfile } from '../../src/node/dockerfile/shellcheck';
import { main } from '../../src/cli/main';
import { captureIo } from './cli-io';

/** Lines and columns (0-based) with code, for compact comparisons. */
const at = (fs: { line: number; col: number; endLine: number; endCol: number; code: string; severity: string }[]) =>
  fs.map((f) => `${f.line}:${f.col}-${f.endLine}:${f.endCol} ${f.severity} ${f.code}`);

// A CRLF file: a continued RUN with a comment line inside it, then a heredoc.
const CRLF = [
  'FROM debian:12',
  'ARG version=1',
  'RUN apt-get update \\',
  '    # a comment inside',
  '    && echo $1 \\',
  '    && cd /tmp',
  'RUN <<EOF',
  'set -e',
  'for f in $(ls); do echo "$f"; done',
  'EOF',
  '',
].join('\r\n');

// What `shellcheck --format=json1 --shell=sh -` answered for the two scripts (fix fields left out).
const RECORDED = [
  '{"comments":[{"file":"-","line":2,"endLine":2,"column":28,"endColumn":30,"level":"info","code":2086,' +
    '"message":"Double quote to prevent globbing and word splitting."},' +
    '{"file":"-","line":2,"endLine":2,"column":38,"endColumn":45,"level":"warning","code":2164,' +
    '"message":"Use \'cd ... || exit\' or \'cd ... || return\' in case cd fails."}]}',
  '{"comments":[{"file":"-","line":3,"endLine":3,"column":10,"endColumn":15,"level":"error","code":2045,' +
    '"message":"Iterating over ls output is fragile. Use globs."}]}',
];

test('shellcheck jobs: continuations joined, comment lines dropped, CRs removed, ARG names declared', () => {
  const jobs = shellcheckJobs(new LintContext(CRLF));
  assert.deepEqual(
    jobs.map((j) => [j.shell, j.input]),
    [
      ['sh', 'export version=1\napt-get update     && echo $1     && cd /tmp'],
      ['sh', 'export version=1\nset -e\nfor f in $(ls); do echo "$f"; done\n'],
    ],
  );
});

test('shellcheck json1 → findings on the Dockerfile line and column, inside continuations and heredocs (CRLF)', () => {
  const ctx = new LintContext(CRLF);
  const jobs = shellcheckJobs(ctx);
  const findings = jobs.flatMap((j, k) => shellcheckFindings(ctx, j, parseShellcheckJson1(RECORDED[k])));
  assert.deepEqual(at(findings), [
    '4:12-4:14 information SC2086', // `$1` on the third line of the continued RUN
    '5:7-5:14 warning SC2164', // `cd /tmp` on its last line
    '8:9-8:14 error SC2045', // `$(ls)` inside the heredoc
  ]);
  assert.equal(findings[0].source, 'shellcheck');
  assert.equal(findings[0].message, 'Double quote to prevent globbing and word splitting.');
  const lines = CRLF.split('\r\n');
  assert.equal(lines[4].slice(12, 14), '$1');
  assert.equal(lines[5].slice(7, 14), 'cd /tmp');
  assert.equal(lines[8].slice(9, 14), '$(ls)');
});

test('shellcheck columns: a tab is one column (json1), a character outside the BMP is one column', () => {
  const text = 'FROM a:1\nRUN <<-EOF bash\n\techo $2 🐳 $3\n\tEOF\n';
  const ctx = new LintContext(text);
  const [job] = shellcheckJobs(ctx);
  assert.equal(job.shell, 'bash');
  // Recorded: printf '\techo $2 🐳 $3\n' | shellcheck -f json1 -s bash -
  const json =
    '{"comments":[{"line":1,"endLine":1,"column":7,"endColumn":9,"level":"info","code":2086,"message":"q"},' +
    '{"line":1,"endLine":1,"column":12,"endColumn":14,"level":"info","code":2086,"message":"q"}]}';
  const f = shellcheckFindings(ctx, job, parseShellcheckJson1(json));
  const line = text.split('\n')[2];
  assert.deepEqual(
    f.map((x) => line.slice(x.col, x.endCol)),
    ['$2', '$3'],
  );
});

test('shellcheck jobs: exec form, PowerShell, python heredocs and empty scripts are not shell; SHELL and #! set the dialect', () => {
  const text = [
    'FROM a:1 AS base',
    'RUN ["sh", "-c", "echo $1"]',
    'RUN [ -f /x ] && echo $1', // a test command, not JSON
    'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    'RUN echo bash',
    'FROM base AS child', // inherits base's SHELL
    'RUN echo inherited',
    'RUN <<EOF',
    '#!/usr/bin/env python3',
    'print(1)',
    'EOF',
    'RUN <<EOF python3',
    'print(2)',
    'EOF',
    'RUN <<EOF',
    '#!/bin/dash',
    'echo $1',
    'EOF',
    'FROM mcr.microsoft.com/powershell:7',
    'SHELL ["pwsh", "-Command"]',
    'RUN Write-Host $env:X',
    '',
  ].join('\n');
  const jobs = shellcheckJobs(new LintContext(text));
  assert.deepEqual(
    jobs.map((j) => `${j.shell}: ${j.input.trim()}`),
    ['sh: [ -f /x ] && echo $1', 'bash: echo bash', 'bash: echo inherited', 'dash: echo $1'],
  );
  assert.deepEqual(
    ['/bin/bash', '/usr/bin/env bash', 'busybox sh', '/bin/ash', 'pwsh', 'cmd'].map((p) => dialectOf(p.split(' '))),
    ['bash', 'bash', 'sh', 'sh', undefined, undefined],
  );
});

test('shellcheck findings obey `# dsc-ignore SC…` and a severity setting; findings on the declared names are dropped', () => {
  const text = 'FROM a:1\nARG v\n# dsc-ignore SC2164\nRUN cd /x && echo $1\nRUN echo $1\n';
  const ctx = new LintContext(text);
  const jobs = shellcheckJobs(ctx);
  const sc2086 = (line: number, column: number) => ({
    line,
    endLine: line,
    column,
    endColumn: column + 2,
    level: 'info',
    code: 2086,
    message: 'q',
  });
  const cd = { line: 2, endLine: 2, column: 1, endColumn: 6, level: 'warning', code: 2164, message: 'cd' };
  const onPrefix = { ...cd, line: 1, endLine: 1, code: 2034 };
  assert.deepEqual(at(shellcheckFindings(ctx, jobs[0], [cd, sc2086(2, 15), onPrefix])), [
    '3:18-3:20 information SC2086',
  ]);
  assert.deepEqual(at(shellcheckFindings(ctx, jobs[1], [sc2086(2, 6)], { severities: { SC2086: 'warning' } })), [
    '4:9-4:11 warning SC2086',
  ]);
  assert.deepEqual(shellcheckFindings(ctx, jobs[1], [sc2086(2, 6)], { severities: { SC2086: 'off' } }), []);
  assert.deepEqual(parseShellcheckJson1('not json'), []);
});

test('shellcheck not installed: the runner says so quietly, and `lint` prints no ShellCheck line and no error', async () => {
  const text = 'FROM a:1\nUSER app\nRUN echo $1\n';
  assert.deepEqual(await shellcheckDockerfile(text, { program: '/nonexistent/shellcheck' }), {
    state: 'not-installed',
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sc-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
  const io = captureIo(dir);
  io.env = { ...io.env, PATH: '/nonexistent' };
  assert.equal(await main(['lint', 'Dockerfile'], io), 0);
  assert.deepEqual(io.stderr, []);
  assert.ok(!io.stdout.some((l) => / SC\d{4}:/.test(l)), io.stdout.join('\n'));
  fs.rmSync(dir, { recursive: true, force: true });
});

const installed = spawnSync('shellcheck', ['--version']).status === 0;
if (!installed) console.log('# SKIP real ShellCheck tests: shellcheck is not installed (scripts/setup.sh installs it)');

test(
  'real shellcheck: `RUN echo $1` in a continued RUN and a heredoc, through the runner and `ds-containers lint`',
  { skip: installed ? false : 'shellcheck is not installed' },
  async () => {
    const text = [
      'FROM debian:12',
      'USER app',
      'RUN set -e \\',
      '    && echo $1',
      'RUN <<EOF',
      'echo "$2"',
      'cd /tmp',
      'EOF',
      'RUN ["echo", "$1"]',
      '',
    ].join('\r\n');
    const r = await shellcheckDockerfile(text);
    assert.equal(r.state, 'checked');
    assert.deepEqual(r.state === 'checked' && at(r.findings), [
      '3:12-3:14 information SC2086',
      '6:0-6:7 warning SC2164',
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sc-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), text);
    const io = captureIo(dir);
    io.env = { ...io.env, PATH: process.env.PATH };
    await main(['lint', 'Dockerfile'], io);
    assert.deepEqual(
      io.stdout.filter((l) => / SC\d{4}:/.test(l)),
      [
        'Dockerfile:4:13: information SC2086: Double quote to prevent globbing and word splitting.',
        "Dockerfile:7:1: warning SC2164: Use 'cd ... || exit' or 'cd ... || return' in case cd fails.",
      ],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  },
);
