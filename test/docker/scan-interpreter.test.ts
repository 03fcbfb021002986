// The scanner against a real, different Python: the `local/python:3.11-scipy` stand-in image
// (Debian's numpy, scikit-learn…) used as the `--python` interpreter through a tiny wrapper.
// The versions it reports must be that image's, and the fixture must then run in that image.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { analyzeProject } from '../../src/node/analyze';

const IMAGE = 'local/python:3.11-scipy';
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/projects');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-test-scan-'));
const wrapper = path.join(dir, 'python-in-image');
// Each probe is one throw-away container with no network.
fs.writeFileSync(
  wrapper,
  `#!/bin/sh\nexec docker run --rm -i --network none --name dsc-test-scan-$$ ${IMAGE} python3 "$@"\n`,
  { mode: 0o755 },
);
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function inImage(code: string, mount?: string): string {
  const args = [
    'run',
    '--rm',
    '--network',
    'none',
    ...(mount ? ['-v', `${mount}:/app:ro`] : []),
    IMAGE,
    'python3',
    '-c',
    code,
  ];
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

test('versions and distributions come from the probed interpreter (the scipy stand-in image)', async () => {
  const [numpy, sklearn] = inImage('import numpy, sklearn; print(numpy.__version__, sklearn.__version__)').split(' ');
  const a = await analyzeProject(path.join(FIXTURES, 'linear-classifier-script'), { python: wrapper });
  assert.equal(a.interpreter?.problem, undefined);
  assert.equal(a.interpreter?.version, '3.11');
  assert.deepEqual(
    a.requirements.filter((r) => r.class === 'runtime').map((r) => `${r.name}==${r.version}`),
    [`numpy==${numpy}`],
  );
  assert.deepEqual(a.warnings, []);

  const b = await analyzeProject(path.join(FIXTURES, 'renamed-imports'), { python: wrapper });
  const sk = b.requirements.find((r) => r.name === 'scikit-learn');
  assert.equal(sk?.version, sklearn);
  assert.equal(sk?.verified, true);
  assert.ok(
    b.warnings.some((w) => /^opencv-python: version unknown \(not installed in /.test(w.message)),
    'not installed there: reported, unpinned',
  );
});

test('the linear-classifier fixture runs in an image that has exactly what the scan asked for', () => {
  const out = inImage(
    'import runpy, sys; sys.argv = ["train.py", "--samples", "100"]; runpy.run_path("/app/train.py", run_name="__main__")',
    path.join(FIXTURES, 'linear-classifier-script'),
  );
  assert.match(out, /accuracy=\d+\.\d+%/);
});
