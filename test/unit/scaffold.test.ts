import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeScaffoldCommand } from '../../src/cli/commands/scaffold';
import { main } from '../../src/cli/main';
import { ProjectAnalysis } from '../../src/core/project';
import { analysis, recordingIo as captureIo, req } from './analysis-samples';

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-gen-scaffold-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

function listing(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]),
  );
}

/** scaffold with a hand-built analysis (the scanner is another unit's). */
async function scaffold(dir: string, args: string[], a: Partial<ProjectAnalysis> = {}) {
  const io = captureIo(dir);
  const cmd = makeScaffoldCommand(async (root) => analysis({ root, requirements: [req('numpy', '1.26.4')], ...a }));
  const code = await cmd.run(['.', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

test('scaffold writes the four files into a fresh project', async () => {
  const dir = project({ 'train.py': 'import numpy\n' });
  const r = await scaffold(dir, []);
  assert.equal(r.code, 0);
  const files = listing(dir);
  assert.deepEqual(Object.keys(files), ['.dockerignore', 'Dockerfile', 'compose.yaml', 'requirements.txt', 'train.py']);
  assert.match(files['requirements.txt'], /^numpy==1\.26\.4$/m);
  assert.match(files.Dockerfile, /^CMD \["python", "train\.py"\]$/m);
  assert.match(r.out, /Dockerfile: written/);
  assert.match(r.out, /Next: docker compose up --build/);
  fs.rmSync(dir, { recursive: true });
});

test('an existing Dockerfile is left alone: one line says so, --verbose prints the proposal and diff, --force replaces it', async () => {
  const mine = 'FROM python:3.11-slim\nCMD ["python", "mine.py"]\n';
  const dir = project({ 'train.py': 'import numpy\n', Dockerfile: mine });
  const quiet = await scaffold(dir, []);
  assert.equal(quiet.code, 0);
  assert.match(
    quiet.out,
    /^Dockerfile: yours differs from the proposal \(\+\d+ -1 lines; --verbose shows the diff\)$/m,
  );
  assert.doesNotMatch(quiet.out, /--- proposed|^\+/m);
  assert.ok(quiet.out.split('\n').length < 15, quiet.out);
  const r = await scaffold(dir, ['--verbose']);
  assert.equal(r.code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), mine);
  assert.match(r.out, /--- proposed Dockerfile ---/);
  assert.match(r.out, /--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\n@@/);
  assert.match(r.out, /^-CMD \["python", "mine\.py"\]$/m);
  assert.match(r.out, /Left alone \(they exist\): Dockerfile/);
  assert.ok(fs.existsSync(path.join(dir, 'compose.yaml')), 'the missing files are still written');
  const forced = await scaffold(dir, ['--force']);
  assert.match(forced.out, /Dockerfile: overwritten \(--force\)/);
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /python", "train\.py/);
  fs.rmSync(dir, { recursive: true });
});

test('an existing requirements.txt is merged: the user lines stay, missing ones are added, unused ones reported', async () => {
  const mine = '# pinned by hand\npandas==1.5.3\n';
  const dir = project({ 'train.py': 'import numpy\n', 'requirements.txt': mine });
  const r = await scaffold(dir, [], { requirements: [req('numpy', '1.26.4')] });
  const text = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.ok(text.startsWith(mine));
  assert.match(text, /\nnumpy==1\.26\.4\n$/);
  assert.match(r.out, /requirements\.txt: adding numpy==1\.26\.4/);
  assert.match(r.out, /nothing imports pandas \(kept/);
  assert.match(r.out, /requirements\.txt: merged/);
  fs.rmSync(dir, { recursive: true });
});

test('--dry-run prints every file and writes nothing', async () => {
  const dir = project({ 'train.py': 'import numpy\n', 'requirements.txt': 'scipy\n' });
  const before = listing(dir);
  const r = await scaffold(dir, ['--dry-run', '--mode', 'jupyter', '--verbose']);
  assert.equal(r.code, 0);
  assert.deepEqual(listing(dir), before);
  for (const f of ['Dockerfile (new file)', 'compose.yaml (new file)', '.dockerignore (new file)', 'requirements.txt'])
    assert.ok(r.out.includes(`--- proposed ${f} ---`), f);
  assert.match(r.out, /\+jupyterlab/);
  assert.match(r.out, /Dry run: nothing was written\./);
  fs.rmSync(dir, { recursive: true });
});

test('flags reach the spec: base image, python, gpu, entry; a .env file is passed by compose', async () => {
  const dir = project({ 'serve.py': '', '.env': 'A=1\n' });
  await scaffold(dir, ['--base-image', 'local/python:3.11-scipy', '--python', '3.12', '--gpu', '--entry', 'serve.py'], {
    existing: ['.env'],
  });
  const files = listing(dir);
  assert.match(files.Dockerfile, /^FROM local\/python:3\.11-scipy$/m);
  assert.match(files.Dockerfile, /"python", "serve\.py"/);
  assert.match(files['compose.yaml'], /driver: nvidia/);
  assert.match(files['compose.yaml'], /env_file:\n\s+- \.env/);
  assert.match(files['.dockerignore'], /^\*\*\/\.env$/m);
  fs.rmSync(dir, { recursive: true });
});

test('scan warnings go to stderr as PATH:LINE: warning: message; unpinned names are reported once', async () => {
  const dir = project({ 'train.py': '' });
  const r = await scaffold(dir, ['--dry-run', '--mode', 'jupyter'], {
    warnings: [{ file: 'bad.ipynb', line: 3, message: 'broken notebook' }],
    requirements: [req('torch')],
  });
  assert.match(r.err, /^bad\.ipynb:3: warning: broken notebook$/m);
  // torch was warned about where the scan found it; the tool we add (jupyterlab) is said here.
  assert.match(r.err, /left unpinned: jupyterlab$/m);
  fs.rmSync(dir, { recursive: true });
});

test('user errors are one line with exit 2 (through main)', async () => {
  const dir = project({ 'a.py': '' });
  const cases: [string[], RegExp][] = [
    [['scaffold'], /expected one project folder/],
    [['scaffold', 'missing-folder'], /not a folder: missing-folder/],
    [['scaffold', '.', '--mode', 'web'], /--mode must be one of auto, script, jupyter, app/],
    [['scaffold', '.', '--entry', 'nope.py'], /--entry nope\.py: no such file/],
    [['scaffold', '.', '--bogus'], /unknown option: --bogus/],
  ];
  for (const [argv, re] of cases) {
    const io = captureIo(dir);
    assert.equal(await main(argv, io), 2, argv.join(' '));
    assert.equal(io.stderr.length, 1);
    assert.match(io.stderr[0], re);
  }
  fs.rmSync(dir, { recursive: true });
});

test('an impossible mode is a one-line error naming the fix', async () => {
  const dir = project({ 'a.py': '' });
  const io = captureIo(dir);
  const cmd = makeScaffoldCommand(async (root) => analysis({ root }));
  await assert.rejects(cmd.run(['.', '--mode', 'app'], io), /no app framework .* choose another mode \(--mode\)/);
  fs.rmSync(dir, { recursive: true });
});

test('a generated file name taken by a folder is one line, exit 1, before anything is written', async () => {
  const dir = project({ 'train.py': 'print(1)\n' });
  fs.mkdirSync(path.join(dir, 'compose.yaml'));
  const io = captureIo(dir);
  assert.equal(await main(['scaffold', '.'], io), 1);
  assert.deepEqual(
    io.stderr.filter((l) => l.startsWith('ds-containers scaffold:')),
    ['ds-containers scaffold: cannot read compose.yaml in .: EISDIR'],
  );
  assert.ok(fs.statSync(path.join(dir, 'compose.yaml')).isDirectory());
  assert.deepEqual(fs.readdirSync(dir).sort(), ['compose.yaml', 'train.py'], 'stopped before writing anything');
  fs.rmSync(dir, { recursive: true });
});
