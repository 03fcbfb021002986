// The CPU wheel index of PyTorch on scaffold's merge path: a project that already has a requirements.txt gets the
// index line (with its comment) once, never a second copy, not when the user's file already names an index of
// PyTorch's, and `--gpu` takes out the one a previous scaffold wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeScaffoldCommand } from '../../src/cli/commands/scaffold';
import { ProjectAnalysis } from '../../src/core/project';
import { TORCH_CPU_INDEX } from '../../src/core/generate/lean';
import { mergeTorchIndex } from '../../src/core/generate/torchIndexMerge';
import { analysis, recordingIo, req } from './analysis-samples';

const INDEX_LINE = `--extra-index-url ${TORCH_CPU_INDEX}`;
const count = (text: string, line: string) => text.split(/\r?\n/).filter((l) => l === line).length;

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-torch-index-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

async function scaffold(dir: string, args: string[], a: Partial<ProjectAnalysis> = {}) {
  const io = recordingIo(dir);
  const torch = [req('numpy', '1.26.4'), req('torch', '2.3.1')];
  const cmd = makeScaffoldCommand(async (root) => analysis({ root, requirements: torch, ...a }));
  const code = await cmd.run(['.', ...args], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

const requirements = (dir: string) => fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');

test('merge path: an existing requirements.txt gets the CPU index line and its comment, once', async () => {
  const mine = '# mine\nnumpy==1.26.4\ntorch==2.3.1\n';
  const dir = project({ 'train.py': 'import numpy, torch\n', 'requirements.txt': mine });
  try {
    const r = await scaffold(dir, []);
    assert.equal(r.code, 0, r.err);
    const text = requirements(dir);
    assert.ok(text.startsWith(mine), 'the user lines stay first, byte for byte');
    assert.equal(count(text, INDEX_LINE), 1);
    assert.match(text, /^# No GPU use found: PyTorch from its CPU wheel index.*\n.*scaffold --gpu\)\.\n--extra-index/m);
    assert.match(r.out, /requirements\.txt: PyTorch from its CPU wheel index/);
    // A second scaffold finds its own line: nothing added, the file unchanged.
    const again = await scaffold(dir, []);
    assert.equal(requirements(dir), text);
    assert.match(again.out, /requirements\.txt: unchanged/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('merge path: a fresh scaffold, then a re-scaffold, still one index line', async () => {
  const dir = project({ 'train.py': 'import numpy, torch\n' });
  try {
    await scaffold(dir, []);
    const first = requirements(dir);
    assert.equal(count(first, INDEX_LINE), 1);
    await scaffold(dir, []);
    assert.equal(requirements(dir), first);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the user’s own index line for PyTorch is enough: no second one', () => {
  const spec = { torchIndex: 'cpu' as const, gpu: false };
  for (const theirs of [
    `--extra-index-url=${TORCH_CPU_INDEX}/`,
    `-i ${TORCH_CPU_INDEX}`,
    '--index-url https://download.pytorch.org/whl/cu121',
    `--extra-index-url ${TORCH_CPU_INDEX}  # CPU wheels`,
  ]) {
    const text = `numpy\n${theirs}\ntorch\n`;
    assert.deepEqual(mergeTorchIndex(text, spec), { text }, theirs);
  }
  // An index elsewhere is not PyTorch's; CRLF files get CRLF lines.
  const other = mergeTorchIndex('--extra-index-url https://example.org/simple\r\ntorch', spec);
  assert.equal(other.change, 'added');
  assert.equal(
    other.text,
    '--extra-index-url https://example.org/simple\r\ntorch\r\n\r\n' +
      '# No GPU use found: PyTorch from its CPU wheel index (about 2.5 GB of CUDA libraries fewer).\r\n' +
      '# For the CUDA build, delete the next line (or scaffold --gpu).\r\n' +
      `${INDEX_LINE}\r\n`,
  );
  // Without torch (no torchIndex), nothing is written.
  assert.deepEqual(mergeTorchIndex('numpy\n', { gpu: false }), { text: 'numpy\n' });
});

test('--gpu on the merge path: ours is taken out, the user’s own CPU line stays with a warning', async () => {
  const dir = project({ 'train.py': 'import numpy, torch\n', 'requirements.txt': 'numpy==1.26.4\ntorch==2.3.1\n' });
  try {
    await scaffold(dir, []);
    assert.equal(count(requirements(dir), INDEX_LINE), 1);
    const r = await scaffold(dir, ['--gpu']);
    assert.equal(r.code, 0, r.err);
    assert.equal(requirements(dir), 'numpy==1.26.4\ntorch==2.3.1\n', 'back to the user’s file exactly');
    assert.match(r.out, /requirements\.txt: removed the CPU wheel index of PyTorch \(--gpu: the CUDA build\)/);
    // The user's own line is theirs: kept, and named with its line.
    fs.writeFileSync(path.join(dir, 'requirements.txt'), `numpy==1.26.4\n${INDEX_LINE}\ntorch==2.3.1\n`);
    const theirs = await scaffold(dir, ['--gpu']);
    assert.equal(count(requirements(dir), INDEX_LINE), 1);
    assert.match(theirs.err, /^requirements\.txt:2: warning: .*CPU wheels.*--gpu.*kept/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--gpu takes out ours from a fresh file written by an earlier scaffold (after the header)', () => {
  const fresh =
    '# Generated by ds-containers from the imports of this project.\n' +
    '# No GPU use found: PyTorch from its CPU wheel index (about 2.5 GB of CUDA libraries fewer).\n' +
    '# For the CUDA build, delete the next line (or scaffold --gpu).\n' +
    `${INDEX_LINE}\n` +
    'torch==2.3.1\n';
  assert.deepEqual(mergeTorchIndex(fresh, { gpu: true }), {
    text: '# Generated by ds-containers from the imports of this project.\ntorch==2.3.1\n',
    change: 'removed',
  });
});
