// The one settings module (src/vscode/platform/settings.ts) owns every `dsContainers.*` key with
// the default package.json declares; nothing else in src/vscode reads the configuration itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

// The module imports vscode, which the unit tier does not have: an empty stand-in is enough to
// read its table of keys and defaults.
const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: {} } as NodeJS.Module;

test('every setting of package.json is in the settings module, with the same default, and no other', async () => {
  const { SETTINGS } = await import('../../src/vscode/platform/settings');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const declared: Record<string, { default: unknown }> = pkg.contributes.configuration.properties;
  const fromPackage = Object.fromEntries(
    Object.entries(declared).map(([k, v]) => [k.replace(/^dsContainers\./, ''), v.default]),
  );
  assert.deepEqual(SETTINGS, fromPackage);
});

test('only the settings module reads or watches the configuration', () => {
  const files = (dir: string): string[] =>
    fs
      .readdirSync(dir, { withFileTypes: true })
      .flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
      );
  const readers = files(path.join(ROOT, 'src'))
    .filter((f) => /getConfiguration\(|affectsConfiguration\(/.test(fs.readFileSync(f, 'utf8')))
    .map((f) => path.relative(ROOT, f));
  assert.deepEqual(readers, [path.join('src', 'vscode', 'platform', 'settings.ts')]);
});
