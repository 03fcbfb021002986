// Shared by the scan tests: fixture locations, the hostile-input copy, comparison helpers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProjectAnalysis } from '../../src/core/project';
import { normalizeName } from '../../src/core/requirements/names';

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
  /** Each must start one warning, as `FILE[:LINE]: message-prefix`. */
  warnings?: string[];
}

/** Requirement names of one class, normalised (PEP 503) and sorted, for comparison with expected.json. */
export function namesOf(a: ProjectAnalysis, cls: string): string[] {
  return a.requirements
    .filter((r) => r.class === cls)
    .map((r) => normalizeName(r.name))
    .sort();
}

/** Copies the hostile fixture to a temp folder and adds what git cannot hold well. */
export function hostileCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-hostile-'));
  fs.cpSync(path.join(FIXTURES, 'hostile'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'loop'));
  fs.symlinkSync('..', path.join(dir, 'loop', 'parent'));
  fs.symlinkSync('does-not-exist.py', path.join(dir, 'dangling.py'));
  fs.writeFileSync(path.join(dir, 'blob.py'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x69, 0x6d, 0x70]));
  fs.writeFileSync(
    path.join(dir, 'utf16.py'),
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('import scipy\n', 'utf16le')]),
  );
  fs.writeFileSync(path.join(dir, 'latin1.py'), Buffer.from('# caf\xe9 cr\xe8me\nimport pandas\n', 'latin1'));
  fs.writeFileSync(path.join(dir, 'huge.py'), `x = "${'a'.repeat(300_000)}"\nimport numpy\n`);
  fs.writeFileSync(path.join(dir, 'broken.ipynb'), '{"cells": [ {"cell_type": "code", "source": "import torch"');
  fs.writeFileSync(path.join(dir, 'not-a-notebook.ipynb'), '[1, 2, 3]');
  return dir;
}

export { captureIo } from './cli-io';
