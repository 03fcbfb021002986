// The project's own lock files read into one shape (name, version, hashes), with smol-toml as the TOML parser:
// the project itself and path/VCS entries are left out; a syntax error is one line naming the file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'smol-toml';
import { parseLock, pinnedRequirements } from '../../src/core/locks';
import { compareImageWithLock } from '../../src/core/locks/compare';

const toml = (t: string) => parse(t) as Record<string, unknown>;
const pins = (file: string, text: string) => {
  const r = parseLock(file, text, toml);
  if ('error' in r) throw new Error(r.error);
  return r.packages.map((p) => `${p.name}==${p.version} ${p.hashes.length}`);
};

test('uv.lock: packages with their hashes; the editable project is left out', () => {
  const text = [
    'version = 1',
    '[[package]]',
    'name = "demo"',
    'version = "0.1.0"',
    'source = { editable = "." }',
    '[[package]]',
    'name = "numpy"',
    'version = "1.26.4"',
    'source = { registry = "https://pypi.org/simple" }',
    'sdist = { url = "https://x/numpy-1.26.4.tar.gz", hash = "sha256:aa", size = 1 }',
    'wheels = [{ url = "https://x/numpy-1.26.4-cp311.whl", hash = "sha256:bb", size = 1 }]',
  ].join('\n');
  assert.deepEqual(pins('uv.lock', text), ['numpy==1.26.4 2']);
});

test('pylock.toml (PEP 751): packages with wheels[].hashes.sha256', () => {
  const text = [
    'lock-version = "1.0"',
    'created-by = "x"',
    '[[packages]]',
    'name = "pandas"',
    'version = "2.2.2"',
    '[[packages.wheels]]',
    'url = "https://x/pandas.whl"',
    'hashes = { sha256 = "cc" }',
    '[[packages]]',
    'name = "local"',
    'directory = { path = "." }',
  ].join('\n');
  assert.deepEqual(pins('pylock.toml', text), ['pandas==2.2.2 1']);
});

test('poetry.lock and Pipfile.lock', () => {
  const poetry = [
    '[[package]]',
    'name = "requests"',
    'version = "2.32.3"',
    'files = [{ file = "requests.whl", hash = "sha256:dd" }]',
  ].join('\n');
  assert.deepEqual(pins('poetry.lock', poetry), ['requests==2.32.3 1']);
  const pipfile = JSON.stringify({
    default: { six: { version: '==1.16.0', hashes: ['sha256:ee'] }, here: { path: '.', editable: true } },
    develop: { pytest: { version: '==8.0.0' } },
  });
  assert.deepEqual(pins('Pipfile.lock', pipfile), ['six==1.16.0 1']);
});

test('a TOML syntax error is one line naming the file and line', () => {
  const r = parseLock('uv.lock', 'version = 1\n[[package]\n', toml);
  assert.ok('error' in r);
  assert.match(r.error, /^uv\.lock:2: /);
  assert.ok(!r.error.includes('\n'));
});

test('pinned requirements carry hashes only when every package has them (pip needs all or none)', () => {
  const one = { name: 'a', version: '1', hashes: ['sha256:x'] };
  assert.equal(pinnedRequirements({ packages: [one] }), 'a==1 \\\n    --hash=sha256:x\n');
  assert.equal(pinnedRequirements({ packages: [one, { name: 'b', version: '2', hashes: [] }] }), 'a==1\nb==2\n');
});

test('the image against the lock: a different version and a missing package fail; extras are told', () => {
  const lock = [
    { name: 'NumPy', version: '1.26.4', hashes: [] },
    { name: 'pandas', version: '2.2.2', hashes: [] },
    { name: 'six', version: '1.16.0', hashes: [] },
  ];
  const image = [
    { name: 'numpy', version: '1.26.4' },
    { name: 'pandas', version: '2.1.0' },
    { name: 'wheel', version: '0.43.0' },
  ];
  assert.deepEqual(compareImageWithLock(lock, image), {
    errors: [
      'pandas: the image has 2.1.0, the lock says 2.2.2',
      'six==1.16.0 is locked but not installed in the image',
    ],
    extra: ['wheel==0.43.0'],
  });
});

test('conda-lock.yml: conda and pip entries of linux-64, pip hashes only; a wrong version or YAML is one line', () => {
  const { parse: parseYaml } = require('yaml') as typeof import('yaml');
  const yaml = (t: string) => parseYaml(t) as Record<string, unknown>;
  const text = [
    'version: 1',
    'metadata: { platforms: [linux-64, osx-arm64] }',
    'package:',
    '  - { name: numpy, version: 1.24.2, manager: conda, platform: linux-64, hash: { md5: abc, sha256: c0 } }',
    '  - { name: numpy, version: 1.24.2, manager: conda, platform: osx-arm64, hash: { md5: def } }',
    '  - { name: requests, version: 2.31.0, manager: pip, platform: linux-64, hash: { sha256: d1 } }',
    '',
  ].join('\n');
  assert.deepEqual(parseLock('conda-lock.yml', text, parse, yaml), {
    packages: [
      { name: 'numpy', version: '1.24.2', hashes: [], manager: 'conda' },
      { name: 'requests', version: '2.31.0', hashes: ['sha256:d1'], manager: 'pip' },
    ],
  });
  assert.deepEqual(parseLock('conda-lock.yml', 'version: 2\npackage: []\n', parse, yaml), {
    error: 'conda-lock.yml: version 2 is not one this reads (1)',
  });
  const bad = parseLock('conda-lock.yml', 'version: 1\npackage: [\n', parse, yaml);
  assert.ok(
    'error' in bad && /^conda-lock\.yml(:\d+)?: /.test(bad.error) && !bad.error.includes('\n'),
    JSON.stringify(bad),
  );
});
