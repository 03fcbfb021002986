// docs/rules.md is generated from the rules: it must match what the code says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../../src/core/dockerfile/rules/markdown';
import { REQUIREMENT_RULES } from '../../src/core/drift/requirements-lint';
import { DEVCONTAINER_RULES } from '../../src/core/devcontainer/lint';

test('docs/rules.md matches the rule ids, messages and docs', () => {
  const file = path.resolve(__dirname, '../../../docs/rules.md');
  const expected = rulesMarkdown([...REQUIREMENT_RULES, ...DEVCONTAINER_RULES]);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, expected);
  assert.equal(
    fs.readFileSync(file, 'utf8'),
    expected,
    'run UPDATE_GOLDEN=1 npm run test:unit to regenerate docs/rules.md',
  );
});
