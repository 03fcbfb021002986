import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledStdlib, BUNDLED_STDLIB_VERSIONS } from '../../src/core/python/data/stdlib';
import { distributionFor, LocalModules } from '../../src/core/python/resolve';
import { IMPORT_TO_DISTRIBUTION } from '../../src/core/python/data/distributions';
import { decodeSource } from '../../src/core/python/decode';
import { detectMode } from '../../src/core/python/mode';
import { satisfiesRequiresPython } from '../../src/core/python/pythonVersion';

test('bundled stdlib lists for 3.8 to 3.13 follow the documented additions and removals', () => {
  assert.deepEqual(BUNDLED_STDLIB_VERSIONS, ['3.8', '3.9', '3.10', '3.11', '3.12', '3.13']);
  for (const v of BUNDLED_STDLIB_VERSIONS)
    for (const m of ['os', 'sys', 'json', 'asyncio', '__future__', 'typing'])
      assert.ok(bundledStdlib(v).has(m), `${v} ${m}`);
  assert.equal(bundledStdlib('3.8').has('zoneinfo'), false);
  assert.equal(bundledStdlib('3.9').has('zoneinfo'), true);
  assert.equal(bundledStdlib('3.10').has('tomllib'), false);
  assert.equal(bundledStdlib('3.11').has('tomllib'), true);
  assert.equal(bundledStdlib('3.11').has('distutils'), true);
  assert.equal(bundledStdlib('3.12').has('distutils'), false);
  assert.equal(bundledStdlib('3.12').has('imghdr'), true);
  assert.equal(bundledStdlib('3.13').has('imghdr'), false);
  assert.equal(bundledStdlib('3.14').has('os'), true, 'newer versions use the nearest list');
  for (const v of BUNDLED_STDLIB_VERSIONS)
    for (const m of ['numpy', 'requests', 'yaml']) assert.equal(bundledStdlib(v).has(m), false);
});

test('curated import → distribution map, namespace packages on the longest dotted prefix', () => {
  const name = (...c: string[]): string => distributionFor(c).name;
  assert.equal(name('sklearn.linear_model'), 'scikit-learn');
  assert.equal(name('cv2'), 'opencv-python');
  assert.equal(name('PIL.Image'), 'Pillow');
  assert.equal(name('yaml'), 'PyYAML');
  assert.equal(name('bs4'), 'beautifulsoup4');
  assert.equal(name('google.cloud.storage.blob'), 'google-cloud-storage');
  assert.equal(
    name('google.cloud.storage', 'google.cloud'),
    'google-cloud-storage',
    'from google.cloud import storage',
  );
  assert.equal(name('mpl_toolkits.mplot3d.axes3d'), 'matplotlib');
  assert.equal(name('numpy.linalg'), 'numpy');
  assert.deepEqual(distributionFor(['numpy']), { name: 'numpy', verified: true, source: 'curated' });
  assert.deepEqual(distributionFor(['some_unknown_mod.x']), {
    name: 'some_unknown_mod',
    verified: false,
    source: 'unverified',
  });
  assert.deepEqual(
    distributionFor(['google.cloud.translate', 'google.cloud']),
    { name: 'google.cloud.translate', verified: false, source: 'unverified' },
    'unknown namespace sub-package keeps its dotted name',
  );
  assert.deepEqual(distributionFor(['azure.mgmt.compute.models']), {
    name: 'azure.mgmt.compute',
    verified: false,
    source: 'unverified',
  });
  for (const [k, v] of Object.entries(IMPORT_TO_DISTRIBUTION))
    assert.match(`${k}=${v}`, /^[A-Za-z_][\w.]*=[A-Za-z0-9][\w.-]*$/);
});

test('the interpreter map wins for top-level names; curated namespace entries still win for dotted ones', () => {
  const interp = {
    packages: { cv2: ['opencv-python-headless'], google: ['protobuf', 'google-cloud-storage'], foo: ['foo-dist'] },
    installed: { 'Bar-Dist': '1.0' },
  };
  assert.deepEqual(distributionFor(['cv2'], interp), {
    name: 'opencv-python-headless',
    verified: true,
    source: 'interpreter',
  });
  assert.equal(distributionFor(['google.cloud.storage'], interp).name, 'google-cloud-storage');
  assert.equal(distributionFor(['foo'], interp).name, 'foo-dist');
  assert.deepEqual(distributionFor(['bar_dist'], interp, new Map([['bar-dist', 'Bar-Dist']])), {
    name: 'Bar-Dist',
    verified: true,
    source: 'interpreter',
  });
});

test("local modules resolve from the root, the importing file's folder and src/, not from any folder of that name", () => {
  const local = new LocalModules([
    'main.py',
    'pkg/__init__.py',
    'ns/sub/m.py',
    'src/lib/__init__.py',
    'deep/vendor/pandas/__init__.py',
    'tools/helper.py',
    'tools/run.py',
    'ext/fast.cpython-311-x86_64-linux-gnu.so',
  ]);
  assert.equal(local.isLocal('pkg', 'main.py'), true);
  assert.equal(local.isLocal('ns', 'main.py'), true, 'namespace package');
  assert.equal(local.isLocal('lib', 'main.py'), true, 'src layout');
  assert.equal(local.isLocal('pandas', 'main.py'), false, 'a deep folder does not hide the real package');
  assert.equal(local.isLocal('helper', 'tools/run.py'), true, 'sibling of the importing script');
  assert.equal(local.isLocal('helper', 'main.py'), false);
  assert.equal(local.isLocal('fast', 'ext/x.py'), true, 'extension module');
  assert.deepEqual(local.topLevel(), ['deep', 'ext', 'lib', 'main', 'ns', 'pkg', 'src', 'tools']);
});

test('a module the project ships in any folder is its own (issue 26, defect 9); vendored copies and test stubs are not', () => {
  const local = new LocalModules([
    'notebooks/lib/hypothesis.py',
    'src/shared/toolz/__init__.py',
    'deep/vendor/pandas/__init__.py',
    'tests/stubs/requests.py',
    'notebooks/data/raw.py',
  ]);
  assert.equal(local.shippedAt('hypothesis', 'explore.ipynb'), 'notebooks/lib/hypothesis.py');
  assert.equal(local.shippedAt('toolz', 'notebooks/explore.ipynb'), 'src/shared/toolz/__init__.py', 'nested package');
  assert.equal(local.shippedAt('shared', 'main.py'), undefined, 'a folder without __init__.py is not a package');
  assert.equal(local.shippedAt('pandas', 'main.py'), undefined, 'a vendored copy keeps the real package');
  assert.equal(local.shippedAt('requests', 'app.py'), undefined, 'a test stub does not replace it outside the tests');
  assert.equal(local.shippedAt('requests', 'tests/test_app.py'), 'tests/stubs/requests.py');
});

test('decoding: UTF-8 BOM stripped, coding cookie honoured, UTF-16 and Latin-1 decoded with a warning, binary skipped', () => {
  assert.deepEqual(decodeSource(Buffer.from('\ufeffimport a')), { text: 'import a' });
  assert.deepEqual(decodeSource(Buffer.from('# -*- coding: latin-1 -*-\nx = "\xe9"', 'latin1')), {
    text: '# -*- coding: latin-1 -*-\nx = "é"',
  });
  const l1 = decodeSource(Buffer.from('x = "\xe9"', 'latin1'));
  assert.equal(l1.text, 'x = "é"');
  assert.match(l1.warning!, /Latin-1/);
  const u16 = decodeSource(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import a', 'utf16le')]));
  assert.equal(u16.text, 'import a');
  assert.match(u16.warning!, /UTF-16/);
  assert.deepEqual(decodeSource(Buffer.from([1, 2, 0, 3])), { warning: 'binary file (NUL bytes); skipped' });
});

test('mode: app beats notebooks, notebooks beat scripts, the entry prefers main/app/train/run names', () => {
  const f = (
    file: string,
    o: Partial<{
      notebook: boolean;
      hasMainGuard: boolean;
      topLevelCode: boolean;
      apps: ('flask' | 'dash' | 'streamlit')[];
    }> = {},
  ) => ({ file, notebook: false, hasMainGuard: false, apps: [], ...o });
  const pick = (files: ReturnType<typeof f>[]) => {
    const m = detectMode(files);
    return { mode: m.mode, framework: m.framework, entry: m.entry };
  };
  assert.deepEqual(pick([f('a.ipynb', { notebook: true }), f('web/server.py', { apps: ['flask'] })]), {
    mode: 'app',
    framework: 'flask',
    entry: 'web/server.py',
  });
  assert.deepEqual(pick([f('app.py', { apps: ['dash'] }), f('x.py', { apps: ['flask'] })]), {
    mode: 'app',
    framework: 'dash',
    entry: 'app.py',
  });
  assert.deepEqual(pick([f('a.ipynb', { notebook: true }), f('cli.py', { hasMainGuard: true })]), {
    mode: 'jupyter',
    framework: undefined,
    entry: undefined,
  });
  assert.deepEqual(
    pick([
      f('aaa.py', { hasMainGuard: true }),
      f('train.py', { hasMainGuard: true }),
      f('main.py', { hasMainGuard: true }),
      f('pkg/main.py', { hasMainGuard: true }),
    ]),
    { mode: 'script', framework: undefined, entry: 'main.py' },
  );
  assert.deepEqual(
    pick([f('tests/test_app.py', { apps: ['flask'], hasMainGuard: true }), f('run.py', { topLevelCode: true })]),
    { mode: 'script', framework: undefined, entry: 'run.py' },
  );
});

test("requires-python ranges decide whether the interpreter's version fits", () => {
  const yes: [string, string][] = [
    ['3.11', '>=3.9'],
    ['3.11', '>=3.9,<3.13'],
    ['3.11', '~=3.10'],
    ['3.11', '==3.11.*'],
    ['3.11', '>=3.11.2'],
    ['3.12', '!=3.11.*'],
    ['3.11', '<3.11.5'],
  ];
  const no: [string, string][] = [
    ['3.8', '>=3.9'],
    ['3.13', '>=3.9,<3.13'],
    ['3.9', '~=3.10'],
    ['3.12', '==3.11.*'],
    ['3.11', '!=3.11.*'],
    ['3.11', '~=3.10.2'],
    ['4.0', '~=3.10'],
  ];
  for (const [v, s] of yes) assert.equal(satisfiesRequiresPython(v, s), true, `${v} ${s}`);
  for (const [v, s] of no) assert.equal(satisfiesRequiresPython(v, s), false, `${v} ${s}`);
});
