// Issue 21: the CLI's scaffold and the editor's way through the shared workflow (proposeSpec with the editor's
// choices, then scaffoldProject with consent and the dev container) write the same files, byte for byte, on the
// real-project fixtures. The base image is a Jupyter image whose name does not say so (Jupyter must come from
// asking it) and the pins come from the image.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { analyzeProject } from '../../src/node/analyze';
import { proposeSpec } from '../../src/node/containerize/propose';
import { scaffoldProject } from '../../src/node/scaffold';
import { projectDataOut } from '../../src/node/dataFiles';
import { buildingEngine, captureIo, cleanupDirs, copyProject, FIXTURES } from './helpers';

const IMAGE = 'workflow-notebook:1';
const { engine } = buildingEngine();
execFileSync('docker', ['tag', 'local/jupyter:3.11', IMAGE]);
after(() => {
  execFileSync('docker', ['rmi', IMAGE]);
  cleanupDirs();
});

/** Every file under dir, relative path → bytes. */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** What containerize.ts does with the analysis, through the same shared calls (no preview, Replace). */
async function editorWay(dir: string, choices: { mode?: 'jupyter' }): Promise<void> {
  const analysis = await analyzeProject(dir, { offline: true });
  const proposal = await proposeSpec(dir, analysis, { baseImage: IMAGE, pins: 'image', ...choices }, { engine });
  const spec = { ...proposal.spec, dataOut: await projectDataOut(dir, {}) };
  await scaffoldProject(dir, spec, analysis, { consent: () => true, devcontainer: { name: path.basename(dir) } });
}

for (const [name, mode] of [
  ['notebook-helpers', undefined],
  ['fastapi-env', undefined],
  ['src-pyproject', undefined],
  ['src-pyproject', 'jupyter'],
] as const) {
  test(`${name}${mode ? ` --mode ${mode}` : ''}: the CLI and the editor's way write the same files`, async () => {
    const cli = copyProject(path.join(FIXTURES, 'real', name), `${name}-cli`);
    const editor = copyProject(path.join(FIXTURES, 'real', name), `${name}-editor`);
    const io = captureIo();
    const argv = ['scaffold', cli, '--devcontainer', '--offline', '--pins', 'image', '--base-image', IMAGE];
    const code = await main([...argv, ...(mode ? ['--mode', mode] : [])], io);
    assert.equal(code, 0, io.stderr.join('\n'));
    await editorWay(editor, mode ? { mode } : {});
    const a = files(cli);
    const b = files(editor);
    assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
    // The two copies differ only in their folder names, which the files name (dev container, tag).
    const same = (t: string) => t.split(path.basename(editor)).join(path.basename(cli));
    for (const [file, bytes] of a) assert.equal(same(b.get(file)!.toString('utf8')), bytes.toString('utf8'), file);
    const dockerfile = a.get('Dockerfile')!.toString('utf8');
    assert.match(dockerfile, /^FROM workflow-notebook:1$/m);
    const requirements = a.get('requirements.txt')!.toString('utf8');
    // Jupyter is in the image: it is asked, not guessed from the name, so JupyterLab is not added again.
    if (mode === 'jupyter' || name === 'notebook-helpers')
      assert.doesNotMatch(requirements, /^jupyterlab/m, 'the image has Jupyter: not added');
  });
}
