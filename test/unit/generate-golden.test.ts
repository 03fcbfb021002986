// Golden tests: every generated file is compared byte for byte with test/unit/golden/CASE/FILE.
// After a deliberate change to a generator, refresh them with
//   npm run build && UPDATE_GOLDEN=1 node --test out/test/unit/generate-golden.test.js
// and review the diff of test/unit/golden/ before committing it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateAll } from '../../src/core/generate';
import { goldenCases } from './generate-cases';

const goldenDir = path.resolve(__dirname, '../../../test/unit/golden');
const update = process.env.UPDATE_GOLDEN === '1';

for (const [name, spec] of Object.entries(goldenCases)) {
  test(`golden: ${name}`, () => {
    const files = generateAll(spec);
    for (const [file, text] of Object.entries(files)) {
      const golden = path.join(goldenDir, name, file);
      if (update) {
        fs.mkdirSync(path.dirname(golden), { recursive: true });
        fs.writeFileSync(golden, text);
        continue;
      }
      assert.ok(
        fs.existsSync(golden),
        `missing ${path.relative(process.cwd(), golden)}: run with UPDATE_GOLDEN=1 to create it`,
      );
      assert.equal(text, fs.readFileSync(golden, 'utf8'), `${name}/${file} differs from its golden file`);
    }
  });
}

test('generators are deterministic: the same spec gives the same bytes twice', () => {
  for (const spec of Object.values(goldenCases))
    assert.deepEqual(generateAll(structuredClone(spec)), generateAll(spec));
});

test('every golden folder belongs to a case (no stale expectations)', () => {
  const folders = fs.readdirSync(goldenDir).sort();
  assert.deepEqual(folders, Object.keys(goldenCases).sort());
});
