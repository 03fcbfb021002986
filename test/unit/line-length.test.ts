// Lines in src/ stay within 120 characters (the Prettier width, .prettierrc.json). Prettier does not
// break long strings, comments or regexes: split those by hand (concatenation, a wrapped comment, a
// regex built from named parts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');
const MAX = 120;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test(`no line over ${MAX} characters in src/`, () => {
  const long = files(SRC).flatMap((f) =>
    fs
      .readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((l, i) => (l.length > MAX ? [`${path.relative(SRC, f)}:${i + 1} (${l.length})`] : [])),
  );
  assert.deepEqual(long, [], `${long.length} lines over ${MAX} characters:\n${long.join('\n')}`);
});
