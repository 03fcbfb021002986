// Pins (issue 11 items 5-7) and the lock file (issue 9): PEP 440 subset, pin sources, differences
// with the base image, consistency with Requires-Dist, the lock's format and its comparison.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  compareVersions,
  evaluateMarker,
  markerEnvironment,
  parseRequiresDist,
  satisfies,
  stripLocalLabel,
} from '../../src/core/python/pep440';
import { choosePins, installedMap } from '../../src/core/environment/pins';
import { buildRequirements } from '../../src/core/python/requirements';
import { runtimeTools, specFromAnalysis } from '../../src/core/generate';
import { compareLock, lockSubstance, parseLock, renderLock } from '../../src/core/environment/lockfile';
import { makeScaffoldCommand } from '../../src/cli/commands/scaffold';
import { main } from '../../src/cli/main';
import { analysis, recordingIo, req } from './analysis-samples';

const dist = (name: string, version: string, requires: string[] = []) => ({ name, version, requires });

test('PEP 440: ordering, specifiers, local labels ignored by public specifiers', () => {
  assert.ok(compareVersions('1.24.2', '1.24.10') < 0);
  assert.ok(compareVersions('2.0.0rc1', '2.0.0') < 0);
  assert.ok(compareVersions('2.0.0.post1', '2.0.0') > 0);
  assert.ok(compareVersions('2.0.0.dev1', '2.0.0a1') < 0);
  assert.equal(satisfies('1.24.2', '>=1.17.3,<2'), true);
  assert.equal(satisfies('2.1.0', '>=1.17.3,<2'), false);
  assert.equal(satisfies('4.0.2+dfsg', '==4.0.2'), true);
  assert.equal(satisfies('1.4.2', '~=1.4'), true);
  assert.equal(satisfies('2.0', '~=1.4'), false);
  assert.equal(satisfies('1.26.4', '==1.26.*'), true);
  assert.equal(satisfies('1.26.4', '!=1.26.*'), false);
  assert.equal(stripLocalLabel('0.13.5+dfsg'), '0.13.5');
  assert.deepEqual(parseRequiresDist('numpy (>=1.17.3)'), { name: 'numpy', specifier: '>=1.17.3' });
  assert.deepEqual(parseRequiresDist('pytest ; extra == "test"'), {
    name: 'pytest',
    specifier: '',
    marker: 'extra == "test"',
  });
  const env = markerEnvironment('3.11.2');
  assert.equal(evaluateMarker('python_version >= "3.9" and sys_platform == "linux"', env), true);
  assert.equal(evaluateMarker('python_version < "3.8" or os_name == "nt"', env), false);
  assert.equal(evaluateMarker('extra == "test"', env), false);
  assert.equal(evaluateMarker('platform_machine == "x86_64"', env), undefined, 'an unknown variable: cannot tell');
});

test('11.5: a local version label from the interpreter is stripped and said (was pinned as-is)', () => {
  const r = buildRequirements({
    sites: [{ module: 'statsmodels', file: 'a.py', line: 1, class: 'runtime', names: [] }],
    pips: [],
    declared: [],
    interp: { installed: { statsmodels: '0.13.5+dfsg' }, packages: { statsmodels: ['statsmodels'] } },
    noPin: false,
    interpreterName: 'python3',
  });
  assert.equal(r.requirements[0].version, '0.13.5');
  assert.ok(
    r.warnings.some((w) =>
      /statsmodels: python3 has 0\.13\.5\+dfsg; pinned as 0\.13\.5 \(local version label dropped/.test(w.message),
    ),
    JSON.stringify(r.warnings),
  );
});

test("11.5: pins inconsistent with the interpreter's Requires-Dist are reported before writing", () => {
  const installed = installedMap([
    dist('pandas', '2.2.0', ['numpy>=1.26.0; python_version >= "3.11"', 'pytest; extra == "test"']),
    dist('numpy', '1.24.2'),
  ]);
  const r = choosePins({
    requirements: [
      { name: 'numpy', version: '1.24.2' },
      { name: 'pandas', version: '2.2.0' },
    ],
    source: 'interpreter',
    interpreter: { name: 'python3', installed },
    pythonVersion: '3.11',
  });
  assert.deepEqual(
    r.notes.map((n) => n.message),
    ['pandas==2.2.0 needs numpy>=1.26.0, but numpy is pinned to 1.24.2: pip would fail'],
  );
  assert.equal(r.notes[0].level, 'warning');
  const ok = choosePins({
    requirements: [
      { name: 'numpy', version: '1.26.4' },
      { name: 'pandas', version: '2.2.0' },
    ],
    source: 'interpreter',
    interpreter: { name: 'python3', installed },
    pythonVersion: '3.11',
  });
  assert.deepEqual(ok.notes, []);
});

test('--pins image: versions from the image, differences one line each, numpy 1 → 2 names the packages at risk', () => {
  const image = {
    ref: 'local/python:3.11-scipy',
    pythonVersion: '3.11.2',
    installed: installedMap([
      dist('numpy', '1.24.2'),
      dist('scipy', '1.10.1', ['numpy (<1.27.0,>=1.19.5)']),
      dist('scikit-learn', '1.2.1', ['numpy>=1.17.3']),
      dist('lz4', '4.0.2+dfsg'),
    ]),
  };
  const interpreter = {
    name: 'python3',
    installed: installedMap([dist('numpy', '2.4.6'), dist('scipy', '1.17.1', ['numpy<2.7,>=1.26.4'])]),
  };
  const reqs = [
    { name: 'lz4' },
    { name: 'numpy', version: '2.4.6' },
    { name: 'scipy', version: '1.17.1' },
    { name: 'requests' },
  ];
  const fromImage = choosePins({ requirements: reqs, source: 'image', interpreter, image, pythonVersion: '3.11' });
  assert.deepEqual(fromImage.requirements, [
    { name: 'lz4', version: '4.0.2' },
    { name: 'numpy', version: '1.24.2' },
    { name: 'scipy', version: '1.10.1' },
    { name: 'requests' },
  ]);
  assert.ok(
    fromImage.notes.some(
      (n) =>
        n.message ===
        "numpy: python3 has 2.4.6, base image local/python:3.11-scipy ships 1.24.2; pip keeps the image's 1.24.2",
    ),
  );
  assert.ok(
    fromImage.notes.every((n) => n.level === 'info'),
    JSON.stringify(fromImage.notes),
  );
  const fromInterp = choosePins({
    requirements: reqs,
    source: 'interpreter',
    interpreter,
    image,
    pythonVersion: '3.11',
  });
  assert.ok(
    fromInterp.notes.some(
      (n) =>
        n.message ===
        "numpy: python3 has 2.4.6, base image local/python:3.11-scipy ships 1.24.2; pip will replace the image's 1.24.2 with 2.4.6",
    ),
  );
  const risk = fromInterp.notes.find((n) => n.level === 'warning' && /major-version/.test(n.message));
  assert.match(
    risk!.message,
    /^numpy 1\.24\.2 → 2\.4\.6 is a major-version change under packages of local\/python:3\.11-scipy built for numpy 1: scikit-learn may break/,
  );
  const none = choosePins({ requirements: reqs, source: 'none', interpreter, image, pythonVersion: '3.11' });
  assert.ok(none.requirements.every((r) => !r.version));
  assert.ok(none.notes.some((n) => /pip keeps the image's 1\.24\.2/.test(n.message)));
});

test('11.7: Jupyter is judged by what the image has, not by its name', () => {
  assert.deepEqual(
    runtimeTools('jupyter', undefined, 'python:3.11-slim', { jupyter: true, distributions: ['notebook'] }),
    [],
  );
  assert.deepEqual(
    runtimeTools('jupyter', undefined, 'my/jupyter-lookalike:1', { jupyter: false, distributions: [] }),
    ['jupyterlab'],
  );
  assert.deepEqual(
    runtimeTools('app', 'fastapi', 'x:1', { jupyter: false, distributions: ['uvicorn'] }),
    [],
    'nothing the image has is added again',
  );
  const spec = specFromAnalysis(analysis({ mode: 'jupyter', entry: undefined }), {
    baseImage: 'corp/notebooks:2024',
    baseImageFacts: { jupyter: true, distributions: ['jupyterlab'] },
  });
  assert.ok(!spec.requirements.some((r) => r.name === 'jupyterlab'));
});

test('11.6: packages we add (uvicorn) are pinned from the interpreter, no false "no installed version found"', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lock9-'));
  fs.writeFileSync(path.join(dir, 'main.py'), 'from fastapi import FastAPI\napp = FastAPI()\n');
  const cmd = makeScaffoldCommand(async (root) =>
    analysis({
      root,
      mode: 'app',
      framework: 'fastapi',
      entry: 'main.py',
      requirements: [req('fastapi', '0.110.0')],
      interpreter: {
        command: 'python3',
        version: '3.11',
        installed: { fastapi: '0.110.0', uvicorn: '0.29.0' },
        requires: {},
      },
    }),
  );
  const io = recordingIo(dir);
  assert.equal(await cmd.run([dir], io), 0, io.stderr.join('\n'));
  assert.match(fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8'), /^uvicorn==0\.29\.0$/m);
  assert.ok(!io.stderr.some((l) => /no installed version found/.test(l)), io.stderr.join('\n'));
  fs.rmSync(dir, { recursive: true });
});

test('lock file: sorted name==version, header read back, substance ignores the image id', () => {
  const text = renderLock(
    {
      imageId: `sha256:${'a'.repeat(64)}`,
      created: 1700000000,
      base: 'python:3.11-slim',
      baseDigest: `sha256:${'b'.repeat(64)}`,
      python: '3.11.2',
    },
    [
      { name: 'scipy', version: '1.10.1' },
      { name: 'Brotli', version: '1.0.9' },
      { name: 'lz4', version: '4.0.2+dfsg' },
    ],
  );
  const lock = parseLock(text);
  assert.deepEqual(
    lock.entries.map((e) => `${e.name}==${e.version}`),
    ['Brotli==1.0.9', 'lz4==4.0.2+dfsg', 'scipy==1.10.1'],
  );
  assert.deepEqual(lock.header, {
    imageId: `sha256:${'a'.repeat(64)}`,
    created: 1700000000,
    base: 'python:3.11-slim',
    baseDigest: `sha256:${'b'.repeat(64)}`,
    python: '3.11.2',
  });
  assert.deepEqual(lock.errors, []);
  assert.equal(lockSubstance(text), lockSubstance(text.replace(/a{64}/, 'c'.repeat(64))));
});

test('lock compare: a changed version, a broken line, another Python, a newer lock, extra and missing packages', () => {
  const text =
    renderLock({ imageId: `sha256:${'a'.repeat(64)}`, created: 2000, python: '3.10.4' }, [
      dist('numpy', '1.24.3'),
      dist('six', '1.16.0'),
    ]) + 'numpy=1.2\n';
  const lock = parseLock(text);
  const diffs = compareLock(
    lock,
    {
      python: '3.11.2',
      created: 1000,
      imageId: `sha256:${'d'.repeat(64)}`,
      dists: [dist('numpy', '1.24.2'), dist('zipp', '3.0')],
    },
    'img:1',
  );
  const numpyLine = lock.entries.find((e) => e.name === 'numpy')!.line;
  assert.deepEqual(
    diffs.map((d) => `${d.line}: ${d.message}`),
    [
      `${text.split('\n').length - 1}: cannot read "numpy=1.2": expected name==version`,
      `${lock.headerLines.python}: the lock is for Python 3.10.4, img:1 has Python 3.11.2`,
      `${lock.headerLines.image}: the lock was written from a newer image (aaaaaaaaaaaa) than img:1 (dddddddddddd): rebuild, or lock again`,
      `${numpyLine}: numpy is 1.24.2 in the image, the lock says 1.24.3`,
      `${numpyLine + 1}: six==1.16.0 is locked but not installed in the image`,
      `${numpyLine + 1}: zipp==3.0 is in the image but not in the lock`,
    ],
  );
});

test('one flag name for the interpreter: --interpreter everywhere, old --python kept where unambiguous, said in --help', async () => {
  for (const cmd of ['scan', 'scaffold', 'up']) {
    const io = recordingIo();
    assert.equal(await main([cmd, '--help'], io), 0);
    assert.match(io.stdout.join('\n'), /--interpreter PATH/);
    const help = io.stdout.join(' ').replace(/\s+/g, ' ');
    assert.match(
      help,
      /--python VALUE old spelling, still accepted: X\.Y means --python-version, anything else --interpreter/,
    );
  }
  const io = recordingIo();
  assert.equal(await main(['scaffold', '.', '--pins', 'latest'], io), 2);
  assert.match(io.stderr[0], /--pins must be one of interpreter, image, none, not "latest"/);
});
