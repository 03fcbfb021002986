// ShellCheck for many Dockerfiles at once (`ds-containers lint` of many files): one process per dialect reads every
// RUN script of the run, and each finding lands on its own Dockerfile, line and column, exactly as the per-file
// runner (one process per script, the editor's path) puts it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { shellcheckDockerfile, shellcheckDockerfiles } from '../../src/node/dockerfile/shellcheck';
import { main } from '../../src/cli/main';
import { captureIo, NO_ENGINE } from './cli-io';

const installed = spawnSync('shellcheck', ['--version']).status === 0;
const skip = installed ? false : 'shellcheck is not installed (scripts/setup.sh installs it)';

const at = (fs: { line: number; col: number; endLine: number; endCol: number; code: string }[]) =>
  fs.map((f) => `${f.line}:${f.col}-${f.endLine}:${f.endCol} ${f.code}`);

const TEXTS = [
  // sh, a continued RUN and a heredoc (CRLF)
  ['FROM debian:12', 'RUN set -e \\', '    && echo $1', 'RUN <<EOF', 'echo "$2"', 'cd /tmp', 'EOF', ''].join('\r\n'),
  // bash through SHELL; the same `echo $1` script text as another file's, in another dialect
  ['FROM debian:12', 'SHELL ["/bin/bash", "-c"]', 'RUN echo $1', 'RUN [[ -n $X ]] && cd /opt', ''].join('\n'),
  // no RUN at all
  'FROM debian:12\nCOPY . /app\n',
  // the first file's scripts again, two lines lower: the same answers, placed on this file's lines
  [
    'FROM debian:12',
    'ARG v=1',
    'ENV X=$v',
    'RUN set -e \\',
    '    && echo $1',
    'RUN <<EOF',
    'echo "$2"',
    'cd /tmp',
    'EOF',
    '',
  ].join('\n'),
];

/** A shellcheck that logs each start beside the real one: how many processes a run costs. */
function countingShellcheck(dir: string): { program: string; starts: () => number } {
  const real = spawnSync('sh', ['-c', 'command -v shellcheck'], { encoding: 'utf8' }).stdout.trim();
  const log = path.join(dir, 'starts.log');
  const program = path.join(dir, 'shellcheck');
  fs.writeFileSync(program, `#!/bin/sh\necho x >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return { program, starts: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').length - 1 : 0) };
}

test('shellcheck batch: one process per dialect, and the per-file findings on each file', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sc-batch-'));
  const { program, starts } = countingShellcheck(dir);
  // A fresh `answers` memory would be needed to count per-script processes; the batch's texts are new to it.
  const unique = TEXTS.map((t, i) => t.replace(/\$1/g, `$${i + 1}`));
  const batch = await shellcheckDockerfiles(unique, { program });
  assert.equal(starts(), 2, 'one ShellCheck for the sh scripts, one for the bash scripts');
  const alone = [];
  for (const t of unique) alone.push(await shellcheckDockerfile(t, { program }));
  assert.deepEqual(batch, alone);
  assert.deepEqual(
    batch.map((r) => (r.state === 'checked' ? at(r.findings) : r.state)),
    [
      ['2:12-2:14 SC2086', '5:0-5:7 SC2164'],
      ['2:9-2:11 SC2086', '3:19-3:26 SC2164'],
      [],
      ['4:12-4:14 SC2086', '7:0-7:7 SC2164'],
    ],
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test(
  'shellcheck batch: many scripts of one dialect go to two processes, each finding on its own file',
  { skip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sc-batch-'));
    const { program, starts } = countingShellcheck(dir);
    // 120 files, each with one unquoted expansion on a line of its own (the 2nd, 3rd or 4th): the split must not mix them up.
    const texts = Array.from({ length: 120 }, (_, i) =>
      ['FROM debian:12', ...Array.from({ length: i % 3 }, () => 'WORKDIR /app'), `RUN echo $V${i}`, ''].join('\n'),
    );
    const batch = await shellcheckDockerfiles(texts, { program });
    assert.equal(starts(), 2, 'two processes for 120 sh scripts, not one per script nor one in all');
    batch.forEach((r, i) => {
      const line = 1 + (i % 3); // 0-based
      const want = [`${line}:9-${line}:${11 + String(i).length} SC2086`];
      assert.deepEqual(r.state === 'checked' ? at(r.findings) : r, want, `file ${i}`);
    });
    fs.rmSync(dir, { recursive: true, force: true });
  },
);

test('shellcheck batch: not installed is quiet for every file; a broken ShellCheck fails only the files it checked', async () => {
  assert.deepEqual(await shellcheckDockerfiles(TEXTS, { program: '/nonexistent/shellcheck' }), [
    { state: 'not-installed' },
    { state: 'not-installed' },
    { state: 'not-installed' },
    { state: 'not-installed' },
  ]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sc-batch-'));
  const broken = path.join(dir, 'shellcheck');
  fs.writeFileSync(broken, '#!/bin/sh\necho "unknown option" >&2\nexit 3\n', { mode: 0o755 });
  const r = await shellcheckDockerfiles(['FROM a\nRUN echo broken-1\n', 'FROM a\n'], { program: broken });
  assert.deepEqual(r, [
    { state: 'failed', findings: [], message: 'shellcheck exited 3: unknown option' },
    { state: 'checked', findings: [] },
  ]);
  fs.rmSync(dir, { recursive: true, force: true });
});

test(
  '`ds-containers lint` of several files: each ShellCheck line under its own file, as when linted alone',
  { skip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-sc-batch-cli-'));
    const names = TEXTS.map((_, i) => `Dockerfile.${i}`);
    TEXTS.forEach((t, i) => fs.writeFileSync(path.join(dir, names[i]), t));
    const lint = async (files: string[]) => {
      const io = captureIo(dir);
      io.env = { ...io.env, ...NO_ENGINE, PATH: process.env.PATH };
      await main(['lint', ...files], io);
      assert.deepEqual(io.stderr, []);
      return io.stdout;
    };
    const together = await lint(names);
    const one = [];
    for (const n of names) one.push(...(await lint([n])));
    assert.deepEqual(together, one);
    assert.deepEqual(
      together.filter((l) => / SC\d{4}:/.test(l)).map((l) => l.split(': ').slice(0, 2).join(': ')),
      [
        'Dockerfile.0:3:13: information SC2086',
        'Dockerfile.0:6:1: warning SC2164',
        'Dockerfile.1:3:10: information SC2086',
        'Dockerfile.1:4:20: warning SC2164',
        'Dockerfile.3:5:13: information SC2086',
        'Dockerfile.3:8:1: warning SC2164',
      ],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  },
);
