import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeProject } from '../../src/node/analyze';
import type { ProjectAnalysis } from '../../src/core/project';
import { normalizeDistribution } from '../../src/core/python/data/distributions';

export const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/projects');

export interface Expected {
  runtime: string[];
  optional: string[];
  typing: string[];
  dev: string[];
  mode: string;
  framework?: string;
  entry?: string;
  gpu: boolean;
  pythonVersion?: string;
  pinned?: Record<string, string>;
  notebooks?: string[];
  localModules?: string[];
}

/** Requirement names of one class, normalised (PEP 503) and sorted, for comparison with expected.json. */
export function namesOf(a: ProjectAnalysis, cls: string): string[] {
  return a.requirements.filter((r) => r.class === cls).map((r) => normalizeDistribution(r.name)).sort();
}

/** Copies the hostile fixture to a temp folder and adds what git cannot hold well. */
export function hostileCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-hostile-'));
  fs.cpSync(path.join(FIXTURES, 'hostile'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'loop'));
  fs.symlinkSync('..', path.join(dir, 'loop', 'parent'));
  fs.symlinkSync('does-not-exist.py', path.join(dir, 'dangling.py'));
  fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x69, 0x6d, 0x70]));
  fs.writeFileSync(path.join(dir, 'utf16.py'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import scipy\n', 'utf16le')]));
  fs.writeFileSync(path.join(dir, 'latin1.py'), Buffer.from('# caf\xe9 cr\xe8me\nimport pandas\n', 'latin1'));
  fs.writeFileSync(path.join(dir, 'huge.py'), `x = "${'a'.repeat(300_000)}"\nimport numpy\n`);
  fs.writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [ {"cell_type": "code", "source": "import torch"');
  fs.writeFileSync(path.join(dir, 'not-a-notebook.ipynb'), '[1, 2, 3]');
  return dir;
}

const names = fs.readdirSync(FIXTURES).filter((n) => fs.existsSync(path.join(FIXTURES, n, 'expected.json'))).sort();

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
        assert.deepEqual(namesOf(a, cls), expected[cls].map(normalizeDistribution).sort(), `${cls} requirements`);
      }
      assert.equal(a.mode, expected.mode, 'mode');
      assert.equal(a.framework, expected.framework, 'framework');
      assert.equal(a.entry, expected.entry, 'entry');
      assert.equal(a.gpu, expected.gpu, 'gpu');
      if (expected.pythonVersion) assert.equal(a.pythonVersion, expected.pythonVersion, 'python version');
      if (expected.notebooks) assert.deepEqual(a.notebooks, expected.notebooks, 'notebooks');
      if (expected.localModules) assert.deepEqual(a.localModules, expected.localModules, 'local modules');
      const pinned = Object.fromEntries(a.requirements.filter((r) => r.version).map((r) => [normalizeDistribution(r.name), r.version]));
      assert.deepEqual(pinned, expected.pinned ?? {}, 'versions come only from declarations when no interpreter is asked');
    } finally {
      if (name === 'hostile') fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('hostile inputs: every odd file is a warning naming it, the scan goes on', async () => {
  const dir = hostileCopy();
  try {
    const a = await analyzeProject(dir, { python: false });
    const about = (file: string): string => a.warnings.filter((w) => w.file === file).map((w) => w.message).join(' | ');
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
