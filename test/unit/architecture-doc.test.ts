// docs/architecture.md and the README's Layout section describe the tree as it is: every folder
// they write as `path/` exists, and every folder under src/ is named in docs/architecture.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** Folders a Markdown text names in backticks (`src/vscode/lint/`, `test/editor/{suite,untrusted,e2e}/`). */
export function namedFolders(markdown: string): string[] {
  const out: string[] = [];
  for (const [, ref] of markdown.matchAll(/`([\w.{},/-]+\/)`/g)) {
    const brace = /\{([^}]+)\}/.exec(ref);
    if (brace) out.push(...brace[1].split(',').map((alt) => ref.replace(brace[0], alt)));
    else out.push(ref);
  }
  return out.filter((f) => /^(src|test|bench|scripts|docs|syntaxes|media)\//.test(f));
}

function srcFolders(dir = 'src'): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => [`${dir}/${e.name}/`, ...srcFolders(`${dir}/${e.name}`)]);
}

test('the folder references are read, braces expanded', () => {
  assert.deepEqual(namedFolders('see `src/a/` and `test/editor/{suite,e2e}/`, not `build` or `x/`'), [
    'src/a/',
    'test/editor/suite/',
    'test/editor/e2e/',
  ]);
});

test('every folder docs/architecture.md and the README Layout name exists', () => {
  const readme = read('README.md');
  const layout = readme.slice(readme.indexOf('## Layout'));
  const named = [...namedFolders(read('docs/architecture.md')), ...namedFolders(layout)];
  assert.ok(named.length > 20, 'the documents name the folders');
  const missing = named.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  assert.deepEqual([...new Set(missing)], []);
});

test('every folder under src/ is named in docs/architecture.md', () => {
  const named = new Set(namedFolders(read('docs/architecture.md')));
  const unnamed = srcFolders().filter((f) => !named.has(f));
  assert.deepEqual(unnamed, [], 'add them to docs/architecture.md (Folders)');
});
