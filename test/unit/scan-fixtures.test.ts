import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { analyzeProject } from '../../src/node/analyze';
import { normalizeName } from '../../src/core/requirements/names';
import { Expected, FIXTURES, hostileCopy, namesOf } from './scan-helpers';

const names = fs
  .readdirSync(FIXTURES)
  .filter((n) => fs.existsSync(path.join(FIXTURES, n, 'expected.json')))
  .sort();

test('there are at least 15 fixture projects with expected results', () => {
  assert.ok(names.length >= 15, `only ${names.length}`);
});

for (const name of names) {
  test(`fixture ${name} scans to its expected.json (bundled data, no interpreter)`, async () => {
    const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'expected.json'), 'utf8')) as Expected;
    const dir = name === 'hostile' ? hostileCopy() : path.join(FIXTURES, name);
    try {
      const a = await analyzeProject(dir, { python: false });
      for (const cls of ['runtime', 'optional', 'typing', 'dev'] as const) {
        assert.deepEqual(namesOf(a, cls), expected[cls].map(normalizeName).sort(), `${cls} requirements`);
      }
      assert.equal(a.mode, expected.mode, 'mode');
      assert.equal(a.framework, expected.framework, 'framework');
      assert.equal(a.entry, expected.entry, 'entry');
      assert.equal(a.gpu, expected.gpu, 'gpu');
      if (expected.pythonVersion) assert.equal(a.pythonVersion, expected.pythonVersion, 'python version');
      if (expected.notebooks) assert.deepEqual(a.notebooks, expected.notebooks, 'notebooks');
      for (const w of expected.warnings ?? []) {
        const lines = a.warnings.map((x) => `${x.file}${x.line ? `:${x.line}` : ''}: ${x.message}`);
        assert.ok(
          lines.some((l) => l.startsWith(w)),
          `no warning "${w}" in:\n${lines.join('\n')}`,
        );
      }
      if (expected.localModules) assert.deepEqual(a.localModules, expected.localModules, 'local modules');
      const pinned = Object.fromEntries(
        a.requirements.filter((r) => r.version).map((r) => [normalizeName(r.name), r.version]),
      );
      assert.deepEqual(
        pinned,
        expected.pinned ?? {},
        'versions come only from declarations when no interpreter is asked',
      );
    } finally {
      if (name === 'hostile') fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('hostile inputs: every odd file is a warning naming it, the scan goes on', async () => {
  const dir = hostileCopy();
  try {
    const a = await analyzeProject(dir, { python: false });
    const about = (file: string): string =>
      a.warnings
        .filter((w) => w.file === file)
        .map((w) => w.message)
        .join(' | ');
    assert.match(about('blob.py'), /binary/);
    assert.match(about('utf16.py'), /UTF-16/);
    assert.match(about('latin1.py'), /Latin-1/);
    assert.match(about('huge.py'), /300\d{3} characters/);
    assert.equal(a.warnings.find((w) => w.file === 'huge.py')?.line, 1);
    assert.match(about('broken.ipynb'), /not a valid notebook \(JSON/);
    assert.match(about('not-a-notebook.ipynb'), /not a valid notebook/);
    assert.match(about('loop/parent'), /loop/);
    assert.match(about('dangling.py'), /broken symbolic link/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
