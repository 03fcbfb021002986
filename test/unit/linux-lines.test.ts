// Issue 26, defect 8: lines that cannot install on Linux. Windows-only distributions get their marker,
// a `0.0.0` read from broken distribution metadata is never a pin; each says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderRequirements } from '../../src/core/requirements/render';
import { mergeRequirements } from '../../src/core/requirements/merge';
import { parseRequirements } from '../../src/core/requirements/parse';
import { buildRequirements } from '../../src/core/python/requirements';

test('render: Windows-only distributions are written behind sys_platform == "win32", with a comment', () => {
  const text = renderRequirements([
    { name: 'pywin32', version: '306' },
    { name: 'pywinpty', version: '2.0.13' },
    { name: 'pywin32-ctypes' },
    { name: 'WMI', version: '1.5.1' },
    { name: 'comtypes', version: '1.4.1' },
    { name: 'numpy', version: '1.26.4' },
  ]);
  const lines = text.split('\n');
  assert.ok(lines.includes('pywin32==306 ; sys_platform == "win32"  # Windows only: pip skips it on Linux'), text);
  assert.ok(lines.includes('pywinpty==2.0.13 ; sys_platform == "win32"  # Windows only: pip skips it on Linux'));
  assert.ok(lines.includes('pywin32-ctypes ; sys_platform == "win32"  # Windows only: pip skips it on Linux'));
  assert.ok(lines.includes('WMI==1.5.1 ; sys_platform == "win32"  # Windows only: pip skips it on Linux'));
  assert.ok(lines.includes('comtypes==1.4.1 ; sys_platform == "win32"  # Windows only: pip skips it on Linux'));
  assert.ok(lines.includes('numpy==1.26.4'), 'other lines unchanged');
  // The written lines parse back with their marker (pip evaluates it; on Linux it is false).
  const parsed = parseRequirements(text).lines.filter((l) => l.kind === 'requirement');
  assert.equal(parsed.find((l) => l.key === 'pywin32')?.marker?.trim(), 'sys_platform == "win32"');
  assert.equal(parseRequirements(text).errors.length, 0);
});

test('render and merge: a 0.0.0 version (broken metadata) is written unpinned with a comment', () => {
  const text = renderRequirements([{ name: 'folium', version: '0.0.0' }]);
  assert.ok(text.split('\n').includes('folium  # 0.0.0 is broken distribution metadata, not a release: left unpinned'));
  assert.doesNotMatch(text, /folium==/);
  const merged = mergeRequirements('numpy\n', [
    { name: 'numpy' },
    { name: 'folium', version: '0.0.0' },
    { name: 'pywinpty', version: '2.0.13' },
  ]);
  assert.deepEqual(merged.added, [
    'folium  # 0.0.0 is broken distribution metadata, not a release: left unpinned',
    'pywinpty==2.0.13 ; sys_platform == "win32"  # Windows only: pip skips it on Linux',
  ]);
  // A line the user changed keeps the user's own marker and comment, never a second marker.
  const replaced = mergeRequirements(
    'pywin32==300 ; sys_platform == "win32"  # mine\n',
    [{ name: 'pywin32', version: '306' }],
    {
      replace: ['pywin32'],
    },
  );
  assert.equal(replaced.text, 'pywin32==306 ; sys_platform == "win32"  # mine\n');
});

test('scan: a declared 0.0.0 pin or an interpreter reporting 0.0.0 is left unpinned, warned; a declared pywin32 is warned', () => {
  const base = {
    sites: [{ module: 'folium', file: 'map.py', line: 2, class: 'runtime' as const, names: [] }],
    pips: [],
    interp: { installed: { folium: '0.0.0', pywin32: '306' } },
    noPin: false,
    interpreterName: 'python3',
  };
  const fromInterp = buildRequirements({ ...base, declared: [] });
  assert.equal(fromInterp.requirements.find((r) => r.name === 'folium')?.version, undefined);
  assert.ok(
    fromInterp.warnings.some(
      (w) => w.file === 'map.py' && /folium==0\.0\.0: broken distribution metadata/.test(w.message),
    ),
  );
  assert.ok(!fromInterp.warnings.some((w) => /version unknown/.test(w.message)), 'no false "version unknown"');
  const declared = buildRequirements({
    ...base,
    declared: [
      { name: 'folium', version: '0.0.0', file: 'requirements.txt', line: 3, class: 'runtime' },
      { name: 'pywin32', version: '306', file: 'requirements.txt', line: 4, class: 'runtime' },
    ],
  });
  assert.equal(declared.requirements.find((r) => r.name === 'folium')?.version, undefined);
  assert.ok(declared.warnings.some((w) => w.file === 'requirements.txt' && w.line === 3 && /broken/.test(w.message)));
  assert.ok(
    declared.warnings.some(
      (w) => w.file === 'requirements.txt' && w.line === 4 && /pywin32 installs on Windows only/.test(w.message),
    ),
  );
});
