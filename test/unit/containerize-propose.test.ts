// The shared Containerize workflow's proposal (node/containerize/propose.ts) with hand-built analyses and no
// engine: what both the CLI's scaffold/up and the editor's Containerize start from.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { proposeSpec, ProposalCancelled } from '../../src/node/containerize/propose';
import { SpecError } from '../../src/core/generate';
import { analysis, req } from './analysis-samples';

function folder(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-propose-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const interpreter = { command: 'python3', version: '3.11.2', installed: { numpy: '1.26.4' } };

test('proposeSpec starts from the current Dockerfile: its base, mode and entry; the choices win over it', async () => {
  const dir = folder({
    Dockerfile: 'FROM local/python:3.11-scipy\nWORKDIR /app\nCOPY . .\nCMD ["python", "eval.py"]\n',
    'eval.py': 'print(1)\n',
  });
  const a = analysis({ root: dir, localModules: ['train', 'eval'], requirements: [req('numpy', '1.26.4')] });
  const p = await proposeSpec(dir, a, {});
  assert.equal(p.spec.baseImage, 'local/python:3.11-scipy');
  assert.equal(p.spec.entry, 'eval.py');
  assert.deepEqual(p.existing, { baseImage: 'local/python:3.11-scipy', mode: 'script', entry: 'eval.py' });
  const chosen = await proposeSpec(dir, a, { entry: 'train.py', baseImage: 'python:3.11-slim' });
  assert.equal(chosen.spec.entry, 'train.py');
  assert.equal(chosen.spec.baseImage, 'python:3.11-slim');
  const ignored = await proposeSpec(dir, a, { fromDockerfile: false });
  assert.equal(ignored.spec.entry, 'train.py');
  assert.equal(ignored.spec.baseImage, undefined);
  fs.rmSync(dir, { recursive: true });
});

test('proposeSpec: a Dockerfile whose mode no longer fits gives way to the scan, an explicit choice does not', async () => {
  const dir = folder({ Dockerfile: 'FROM python:3.11-slim\nCMD ["streamlit", "run", "app.py"]\n' });
  const a = analysis({ root: dir, localModules: ['train'] });
  const p = await proposeSpec(dir, a, {});
  assert.equal(p.existing.mode, 'app');
  assert.equal(p.spec.mode, 'script');
  assert.equal(p.spec.entry, 'train.py');
  await assert.rejects(proposeSpec(dir, a, { mode: 'app' }), (e) => e instanceof SpecError && e.choose === 'mode');
  fs.rmSync(dir, { recursive: true });
});

test('proposeSpec asks the entry port when nothing is runnable; no answer is a cancel; no port is a SpecError', async () => {
  const dir = folder();
  const a = analysis({ root: dir, entry: undefined, localModules: ['utils'] });
  const asked: boolean[] = [];
  const p = await proposeSpec(dir, a, {}, { chooseEntry: async (noCode) => (asked.push(noCode), { mode: 'jupyter' }) });
  assert.deepEqual(asked, [false]);
  assert.equal(p.spec.mode, 'jupyter');
  await assert.rejects(proposeSpec(dir, a, {}, { chooseEntry: async () => undefined }), ProposalCancelled);
  await assert.rejects(
    proposeSpec(dir, a, {}),
    (e) => e instanceof SpecError && e.choose === 'entry-or-jupyter' && !/--/.test(e.message),
  );
  fs.rmSync(dir, { recursive: true });
});

test('proposeSpec: versionSource, exclude and pythonVersion reach the spec; notes in one list', async () => {
  const dir = folder();
  const a = analysis({
    root: dir,
    interpreter,
    requirements: [req('numpy'), req('pandas')],
  });
  const p = await proposeSpec(dir, a, { exclude: ['pandas'], pythonVersion: '3.12', mode: 'jupyter' });
  assert.equal(p.spec.pythonVersion, '3.12');
  // The interpreter is 3.11, the base 3.12: its versions are not taken for another Python (issue 26, defect 5).
  assert.equal(p.spec.versionSource, 'none: python3 is Python 3.11, the base image 3.12');
  assert.deepEqual(
    p.spec.requirements.map((r) => r.name),
    ['jupyterlab', 'numpy'],
    'pandas excluded; JupyterLab added for a slim base judged by its name',
  );
  assert.equal(p.baseRef, 'python:3.12-slim');
  const messages = p.notes.map((n) => `${n.level}: ${n.message}`);
  assert.ok(
    messages.some((m) => /^note: no Docker engine configured: whether it has Jupyter is judged by its name$/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /^warning: no installed version found, left unpinned: jupyterlab$/.test(m)),
    messages.join('\n'),
  );
  const none = await proposeSpec(dir, a, { pins: 'none', mode: 'jupyter' });
  assert.ok(!none.notes.some((n) => /unpinned/.test(n.message)), 'no unpinned warning when no pins were asked for');
  fs.rmSync(dir, { recursive: true });
});

test('proposeSpec: pins from an image that cannot be asked is a SpecError in plain words', async () => {
  const dir = folder();
  await assert.rejects(
    proposeSpec(dir, analysis({ root: dir }), { pins: 'image' }),
    (e) => e instanceof SpecError && /^pins from the image: no Docker engine configured$/.test(e.message),
  );
  fs.rmSync(dir, { recursive: true });
});

test('proposeSpec warns of an excluded name requirements.txt still lists (directive or choice), once each', async () => {
  const dir = folder({ 'requirements.txt': 'numpy\ngym\nTorch==2.1\n# dsc: exclude gym\n' });
  const a = analysis({ root: dir, interpreter, requirements: [req('numpy')], excluded: ['gym'] });
  const p = await proposeSpec(dir, a, { exclude: ['torch'], mode: 'jupyter', pins: 'none' });
  const listed = p.notes.filter((n) => /still listed/.test(n.message));
  assert.deepEqual(
    listed.map((n) => `${n.file}: ${n.level}: ${n.message}`),
    [
      'requirements.txt: warning: gym is excluded but still listed; delete its line (it will not be added back)',
      'requirements.txt: warning: Torch is excluded but still listed; delete its line (it will not be added back)',
    ],
  );
  const none = await proposeSpec(dir, { ...a, excluded: [] }, { mode: 'jupyter', pins: 'none' });
  assert.ok(!none.notes.some((n) => /still listed/.test(n.message)), 'nothing excluded, nothing to warn of');
  fs.rmSync(dir, { recursive: true });
});
