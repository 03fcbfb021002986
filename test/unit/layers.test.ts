// The layering rules of docs/architecture.md (Layers), checked on the sources so a violation fails the fastest tier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const imports = (file: string) =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

test('core/ and node/ never import vscode', () => {
  for (const f of [...files(path.join(SRC, 'core')), ...files(path.join(SRC, 'node'))]) {
    assert.ok(!imports(f).includes('vscode'), `${path.relative(SRC, f)} imports vscode`);
  }
});

test('core/ imports no I/O module and nothing outside core/', () => {
  const io = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os)$|^dockerode$/;
  for (const f of files(path.join(SRC, 'core'))) {
    for (const i of imports(f)) {
      assert.ok(!io.test(i), `${path.relative(SRC, f)} imports ${i}`);
      if (i.startsWith('.')) {
        const target = path.resolve(path.dirname(f), i);
        assert.ok(target.startsWith(path.join(SRC, 'core')), `${path.relative(SRC, f)} imports ${i} outside core/`);
      }
    }
  }
});

test('dockerode is imported in exactly one file', () => {
  const users = files(SRC)
    .filter((f) => imports(f).includes('dockerode'))
    .map((f) => path.relative(SRC, f));
  assert.ok(users.length <= 1, `dockerode imported by ${users.join(', ')}`);
  if (users.length) assert.equal(users[0], path.join('node', 'docker', 'engine.ts'));
});

test('the explorer lists again through one route: RefreshManager.refresh, never the model from a command', () => {
  const manager = path.join('vscode', 'explorer', 'refresh.ts');
  const direct = files(path.join(SRC, 'vscode'))
    .filter((f) => path.relative(SRC, f) !== manager)
    .filter((f) => /\bmodel\??\.(refresh|retry|reset)\(/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(SRC, f));
  assert.deepEqual(direct, [], 'call s.explorer.refresh.refresh(kinds) instead');
});
