// Issue 26, defect 8: what requirements.txt makes pip read besides itself. Only requirements.txt was in the image
// when pip ran, so `-r requirements/base.txt`, `-e ./libs/mylib` and `-f ./wheels` failed to install, and a
// `git+https://…` line failed on a slim base for want of git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { analyzeProject } from '../../src/node/analyze';
import { specFromAnalysis } from '../../src/core/generate/spec';
import { generateDockerfile } from '../../src/core/generate/dockerfile';
import { pipInputsOf } from '../../src/core/requirements/includes';

const FIXTURE = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'issue26', 'local-requirements');

test('pip inputs: includes and constraints beside their file, local paths and -f from the root, none outside', async () => {
  const files: Record<string, string> = {
    'requirements.txt': '-r reqs/base.txt\n-e ./libs/a\n./b[extra]\n-f ./wheels\n-e .\n../out\n/abs/pkg\n',
    'reqs/base.txt': '-c pins.txt\nx @ git+https://example.org/x.git\n',
  };
  const got = await pipInputsOf('requirements.txt', async (f) => files[f]);
  assert.deepEqual(got, { files: ['b', 'libs/a', 'reqs/base.txt', 'reqs/pins.txt', 'wheels'], vcs: true });
  assert.deepEqual(await pipInputsOf('requirements.txt', async (f) => (f === 'requirements.txt' ? 'numpy\n' : '')), {
    files: [],
    vcs: false,
  });
});

test('the Dockerfile copies what requirements.txt names before pip runs, and installs git for a git+ line', async () => {
  const analysis = await analyzeProject(FIXTURE, { python: false, offline: true });
  assert.deepEqual(analysis.pipInputs, {
    files: ['libs/mylib', 'requirements/base.txt', 'requirements/constraints.txt', 'wheels'],
    vcs: true,
  });
  const text = generateDockerfile({ ...specFromAnalysis(analysis, { baseImage: 'python:3.11-slim' }) });
  const lines = text.split('\n');
  const pip = lines.findIndex((l) => /^RUN .*pip install .*-r requirements\.txt/.test(l));
  const copies = ['libs/mylib', 'requirements/base.txt', 'requirements/constraints.txt', 'wheels'].map((f) =>
    lines.indexOf(`COPY ["${f}", "${f}"]`),
  );
  for (const i of copies) assert.ok(i > 0 && i < pip, text);
  assert.ok(!text.includes('outside'), 'a path outside the project is never copied');
  const apt = lines.find((l) => /apt-get install/.test(l));
  assert.match(apt ?? '', /\bgit\b/, text);
});

test('without such lines the Dockerfile is unchanged: no extra COPY, no git', async () => {
  const analysis = await analyzeProject(path.join(FIXTURE, '..', 'bare-numpy'), { python: false, offline: true });
  assert.equal(analysis.pipInputs, undefined);
  const text = generateDockerfile(specFromAnalysis(analysis, { baseImage: 'python:3.11-slim' }));
  assert.ok(!/COPY \[/.test(text) && !/\bgit\b/.test(text), text);
});
