import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintDockerfile } from '../../src/core/dockerfile/lint';
import { syntaxFindings } from '../../src/core/dockerfile/syntax';
import { Finding } from '../../src/core/findings';

const FIX = path.resolve(__dirname, '../../../test/fixtures/dockerfile');
const read = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');

test('a clean Dockerfile has no findings', () => {
  assert.deepEqual(lintDockerfile(read('good.Dockerfile')), []);
});

test('syntax findings carry 0-based ranges, severity, code and source', () => {
  const fs = syntaxFindings(read('broken.Dockerfile'));
  const unknown = fs.find((f) => f.message === 'Unknown instruction: FROMM');
  assert.deepEqual(unknown, {
    line: 4,
    col: 0,
    endLine: 4,
    endCol: 5,
    severity: 'error',
    code: '38',
    message: 'Unknown instruction: FROMM',
    source: 'dockerfile-utils',
  });
  const casing = fs.find((f) => f.line === 1);
  assert.equal(casing?.severity, 'warning');
  assert.equal(casing?.endCol, 3);
  const maintainer = fs.find((f) => f.line === 5);
  assert.deepEqual(maintainer?.tags, ['deprecated']);
});

test('syntax: false drops the syntax findings; extra rules are merged in position order', () => {
  const extra: Finding = {
    line: 2,
    col: 0,
    endLine: 2,
    endCol: 6,
    severity: 'information',
    code: 'X1',
    message: 'extra',
    source: 'test',
  };
  const all = lintDockerfile(read('broken.Dockerfile'), { extraRules: () => [extra] });
  // dockerfile-utils' casing (line 1) and MAINTAINER (line 5) findings are the build checks' now.
  assert.deepEqual(
    all.map((f) => f.line),
    [2, 3, 4],
  );
  assert.deepEqual(lintDockerfile(read('broken.Dockerfile'), { syntax: false, extraRules: () => [extra] }), [extra]);
});

test('an empty file and a file of comments are reported, not thrown', () => {
  assert.match(lintDockerfile('')[0].message, /FROM/);
  assert.ok(lintDockerfile('# only a comment\n').length > 0);
});
