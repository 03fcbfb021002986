// One way to follow `-r` includes (src/core/requirements/includes.ts), used by the CLI's declarations,
// the scaffold merge and the editor's drift checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { followIncludes, includeTarget, keysWithIncludes } from '../../src/core/requirements/includes';

/** A reader over an in-memory project that records what it was asked for. */
function project(files: Record<string, string>) {
  const asked: string[] = [];
  const read = async (f: string) => {
    asked.push(f);
    return files[f];
  };
  return { read, asked };
}

test('includeTarget: relative to the including file, never outside the project', () => {
  assert.equal(includeTarget('requirements.txt', 'base.txt'), 'base.txt');
  assert.equal(includeTarget('requirements/dev.txt', 'base.txt'), 'requirements/base.txt');
  assert.equal(includeTarget('requirements/dev.txt', '../requirements.txt'), 'requirements.txt');
  assert.equal(includeTarget('requirements/dev.txt', './sub\\more.txt'), 'requirements/sub/more.txt');
  assert.equal(includeTarget('requirements.txt', '../outside.txt'), undefined);
  assert.equal(includeTarget('requirements/dev.txt', '../../outside.txt'), undefined);
  assert.equal(includeTarget('requirements.txt', '/etc/requirements.txt'), undefined);
  assert.equal(includeTarget('requirements.txt', 'C:\\reqs\\base.txt'), undefined);
});

test('lines come in the order pip reads them: an included file where its -r line is', async () => {
  const { read } = project({
    'requirements.txt': 'numpy==1.26.4\n-r requirements/base.txt\npandas\n',
    'requirements/base.txt': 'scipy\n-r extra.txt\n',
    'requirements/extra.txt': 'rich\n',
  });
  const seen: string[] = [];
  const files: string[] = [];
  await followIncludes('requirements.txt', read, {
    file: (f) => files.push(f),
    line: (f, l) => l.name && seen.push(`${f}:${l.line + 1}:${l.name}`),
  });
  assert.deepEqual(files, ['requirements.txt', 'requirements/base.txt', 'requirements/extra.txt']);
  assert.deepEqual(seen, [
    'requirements.txt:1:numpy',
    'requirements/base.txt:1:scipy',
    'requirements/extra.txt:1:rich',
    'requirements.txt:3:pandas',
  ]);
});

test('an include cycle ends: every file is read once', async () => {
  const { read, asked } = project({
    'requirements.txt': '-r a.txt\nnumpy\n',
    'a.txt': '-r b.txt\nscipy\n',
    'b.txt': '-r a.txt\n-r requirements.txt\n-r ./b.txt\nrich\n',
  });
  const keys = await keysWithIncludes('requirements.txt', read);
  assert.deepEqual([...keys].sort(), ['numpy', 'rich', 'scipy']);
  assert.deepEqual(asked, ['requirements.txt', 'a.txt', 'b.txt']);
});

test('a file outside the project is never read, even when the reader could', async () => {
  const { read, asked } = project({
    'requirements.txt': '-r ../shared/requirements.txt\n-r /etc/reqs.txt\nnumpy\n',
    '../shared/requirements.txt': 'secret-package\n',
    '/etc/reqs.txt': 'other-package\n',
  });
  assert.deepEqual([...(await keysWithIncludes('requirements.txt', read))], ['numpy']);
  assert.deepEqual(asked, ['requirements.txt']);
});

test('a missing included file is skipped; the rest is still read', async () => {
  const { read, asked } = project({
    'requirements.txt': '-r missing.txt\n-r base.txt\nnumpy\n',
    'base.txt': 'scipy\n',
  });
  assert.deepEqual([...(await keysWithIncludes('requirements.txt', read))].sort(), ['numpy', 'scipy']);
  assert.deepEqual(asked, ['requirements.txt', 'missing.txt', 'base.txt']);
});

test("own: false leaves the starting file's names out (the merge reads that file itself)", async () => {
  const { read } = project({ 'requirements.txt': 'numpy\n-r base.txt\n', 'base.txt': 'Scikit_Learn\n' });
  assert.deepEqual([...(await keysWithIncludes('requirements.txt', read, false))], ['scikit-learn']);
});

test('walks over several files share one seen set: a file included by two is read once', async () => {
  const { read, asked } = project({
    'requirements.txt': '-r requirements-base.txt\n',
    'requirements-dev.txt': '-r requirements-base.txt\npytest\n',
    'requirements-base.txt': 'numpy\n',
  });
  const seen = new Set<string>();
  for (const f of ['requirements-base.txt', 'requirements-dev.txt', 'requirements.txt'])
    await followIncludes(f, read, {}, seen);
  assert.deepEqual(asked, ['requirements-base.txt', 'requirements-dev.txt', 'requirements.txt']);
});
