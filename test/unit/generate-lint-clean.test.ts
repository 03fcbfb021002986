import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { dscFindings } from '../../src/core/dockerfile/rules';
import { generateDockerfile } from '../../src/core/generate';
import { goldenCases } from './generate-cases';

const syntax = DockerfileLanguageServiceFactory.createLanguageService();

for (const [name, spec] of Object.entries(goldenCases)) {
  test(`generated Dockerfile (${name}) has no DSC finding and no syntax diagnostic`, () => {
    const text = generateDockerfile(spec);
    assert.deepEqual(
      dscFindings(text).map((f) => `${f.code} line ${f.line + 1}: ${f.message}`),
      [],
    );
    assert.deepEqual(
      syntax.validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`),
      [],
    );
    assert.doesNotMatch(text, /^# syntax=/m, 'a syntax line makes BuildKit pull a frontend, which fails offline');
  });
}

test('the lint does see problems in a Dockerfile that lacks what ours have (the check is live)', () => {
  const codes = new Set(
    dscFindings('FROM python\nCOPY . .\nRUN pip install numpy\nCMD python main.py\n').map((f) => f.code),
  );
  for (const c of ['DSC001', 'DSC002', 'DSC003', 'DSC004', 'DSC007', 'DSC010']) assert.ok(codes.has(c), c);
});

// Well-written Dockerfiles of our own (multi-stage, cache mounts, heredocs, platforms): every check stays silent.
const CLEAN = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'dockerfile', 'clean');
for (const file of fs.readdirSync(CLEAN)) {
  test(`well-written ${file} has no finding`, () => {
    const text = fs.readFileSync(path.join(CLEAN, file), 'utf8');
    assert.deepEqual(
      dscFindings(text).map((f) => `${f.code} line ${f.line + 1}: ${f.message}`),
      [],
    );
    assert.deepEqual(
      syntax.validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`),
      [],
    );
  });
}
