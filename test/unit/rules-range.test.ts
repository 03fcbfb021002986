// The README and the walkthrough name our Dockerfile rules as a range (DSC001–DSCnnn): it must end at the
// last rule there is (the walkthrough once said DSC001–DSC010 while the README said DSC001–DSC018).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { dscRules } from '../../src/core/dockerfile/rules/index';

const root = path.resolve(__dirname, '../../..');
const RANGE = /DSC001–DSC\d{3}(?= (?:rules|\())/g;

test('the README and the walkthrough name every DSC rule of the Dockerfile lint', () => {
  const last = dscRules
    .map((r) => r.id)
    .filter((id) => /^DSC\d{3}$/.test(id))
    .sort()
    .pop()!;
  for (const rel of ['README.md', 'media/walkthrough/lint.md']) {
    const file = path.join(root, rel);
    const text = fs.readFileSync(file, 'utf8');
    const found = text.match(RANGE) ?? [];
    assert.ok(found.length, `${rel} names no DSC001–DSCnnn range`);
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, text.replace(RANGE, `DSC001–${last}`));
    else
      assert.deepEqual(
        found,
        found.map(() => `DSC001–${last}`),
        `${rel}: the range should end at ${last} (UPDATE_GOLDEN=1 npm run test:unit rewrites it)`,
      );
  }
});
