// scaffold never damages what the user has: encodings, broken files, includes, their compose file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeScaffoldCommand } from '../../src/cli/commands/scaffold';
import { main } from '../../src/cli/main';
import { ProjectAnalysis } from '../../src/core/project';
import { analysis, recordingIo, req } from './analysis-samples';

function project(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-scaffold-safety-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function scaffold(dir: string, args: string[], a: Partial<ProjectAnalysis> = {}, cwd = dir) {
  const io = recordingIo(cwd);
  const cmd = makeScaffoldCommand(async (root) => analysis({ root, requirements: [req('numpy', '1.26.4')], ...a }));
  const code = await cmd.run([path.relative(cwd, dir) || '.', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), stderr: io.stderr };
}

const utf16 = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

test('a UTF-16 requirements.txt (Windows pip freeze) is merged in UTF-16 with its BOM and CRLF', async () => {
  const mine = 'pandas==2.2.2\r\n# é comment\r\n';
  const dir = project({ 'requirements.txt': utf16(mine) });
  const r = await scaffold(dir, []);
  assert.equal(r.code, 0);
  const bytes = fs.readFileSync(path.join(dir, 'requirements.txt'));
  assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe], 'BOM kept');
  assert.ok(bytes.subarray(0, utf16(mine).length).equals(utf16(mine)), 'the user bytes are untouched');
  const text = bytes.subarray(2).toString('utf16le');
  assert.match(text, /\r\nnumpy==1\.26\.4\r\n$/);
  assert.doesNotMatch(text, /[^\r]\n/, 'every line ends in CRLF');
  assert.match(r.out, /requirements\.txt: adding numpy==1\.26\.4/);
  fs.rmSync(dir, { recursive: true });
});

test('a UTF-8 requirements.txt with a BOM keeps its BOM when merged', async () => {
  const dir = project({ 'requirements.txt': Buffer.from('\uFEFFpandas\n', 'utf8') });
  await scaffold(dir, []);
  assert.equal(
    fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'),
    '\uFEFFpandas\n\n# Added by ds-containers: imported by the project but missing here.\nnumpy==1.26.4\n',
  );
  fs.rmSync(dir, { recursive: true });
});

// Exit code: 1. The other files are written, but the image would miss what requirements.txt lacks,
// so a script (or `up`) must not go on as if everything were done.
test('a requirements.txt with a parse error is not merged: one line naming file:line, file untouched, exit 1', async () => {
  const mine = 'pandas==2.2.2\nscipy>=1.10 \\\n';
  const dir = project({ 'requirements.txt': mine });
  const r = await scaffold(dir, []);
  assert.equal(r.code, 1);
  assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), mine);
  const lines = r.stderr.filter((l) => l.includes('requirements.txt:'));
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^requirements\.txt:2: error: .*not merged/);
  assert.ok(fs.existsSync(path.join(dir, 'Dockerfile')), 'the other files are still written');
  assert.doesNotMatch(r.out, /Next:/);
  fs.rmSync(dir, { recursive: true });
});

test('what a -r included file declares is not appended again', async () => {
  const dir = project({ 'requirements.txt': '-r base.txt\n', 'base.txt': 'numpy==1.26.4\n' });
  const r = await scaffold(dir, [], { requirements: [{ ...req('numpy', '1.26.4'), declaredIn: ['base.txt'] }] });
  assert.equal(r.code, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), '-r base.txt\n');
  assert.doesNotMatch(r.out, /adding/);
  fs.rmSync(dir, { recursive: true });
});

test('a declared drop-in alternative (opencv-python-headless) satisfies opencv-python in the merge', async () => {
  const dir = project({ 'requirements.txt': 'opencv-python-headless==4.9.0.80\n' });
  const r = await scaffold(dir, [], { requirements: [req('opencv-python', '4.9.0.80')] });
  assert.equal(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), 'opencv-python-headless==4.9.0.80\n');
  assert.doesNotMatch(r.out, /adding|nothing imports/);
  fs.rmSync(dir, { recursive: true });
});

for (const name of ['docker-compose.yml', 'docker-compose.yaml', 'compose.yml']) {
  test(`an existing ${name} is the compose file: no compose.yaml beside it, the user's file is kept`, async () => {
    const mine = 'services:\n  web:\n    build: .\n';
    const dir = project({ [name]: mine });
    const r = await scaffold(dir, []);
    assert.equal(r.code, 0);
    assert.ok(!fs.existsSync(path.join(dir, 'compose.yaml')), 'no second compose file');
    assert.equal(fs.readFileSync(path.join(dir, name), 'utf8'), mine);
    assert.match(r.out, new RegExp(`Left alone \\(they exist\\): ${name.replace('.', '\\.')}`));
    fs.rmSync(dir, { recursive: true });
  });
}

test('--python older than 3.6 and a --base-image with a line break are one-line errors', async () => {
  const dir = project({ 'a.py': '' });
  for (const argv of [
    ['--python', '2.7'],
    ['--python', '3.5'],
    ['--base-image', 'python:3.11-slim\nRUN rm -rf /'],
  ]) {
    const io = recordingIo(dir);
    assert.equal(await main(['scaffold', '.', ...argv], io), 2, argv.join(' '));
    assert.equal(io.stderr.length, 1, io.stderr.join('|'));
    assert.ok(!io.stderr[0].includes('\n'), io.stderr[0]);
  }
  assert.deepEqual(fs.readdirSync(dir), ['a.py']);
  fs.rmSync(dir, { recursive: true });
});

test('scaffold prints warning paths like scan: relative to the current folder', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-scaffold-cwd-'));
  const dir = path.join(parent, 'proj');
  fs.mkdirSync(dir);
  const r = await scaffold(
    dir,
    ['--dry-run'],
    { warnings: [{ file: 'nb/bad.ipynb', line: 3, message: 'broken notebook' }] },
    parent,
  );
  assert.match(
    r.err,
    new RegExp(`^${path.join('proj', 'nb', 'bad.ipynb').replace(/\./g, '\\.')}:3: warning: broken notebook$`, 'm'),
  );
  fs.rmSync(parent, { recursive: true });
});
