// activate() of the built extension (dist/extension.js) in a fresh process with a stand-in `vscode`: it wires
// and does nothing heavy. dockerode (dist/dockerode.js and its gRPC/SSH parts) and the lazy chunks
// (dist/chunks/*) load on first use, never during activation, also when the Jupyter extension is installed
// (its kernel-picker collection used to start the explorer's engine events at activation).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { spawnSync } from 'child_process';

const ROOT = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(ROOT, 'dist/extension.js');

// Runs in the child: every member of the stand-in exists (calls and constructors return more of the same),
// views are hidden as in a fresh window, and getExtension() finds an active Jupyter extension with its API.
const script = (withJupyter: boolean) => `
const Module = require('module');
const loaded = [];
const load = Module._load;
Module._load = function (request, parent, ...rest) {
  if (/dockerode|[\\\\/]chunks[\\\\/]/.test(request)) loaded.push(request);
  return load.call(this, request, parent, ...rest);
};
const handler = {
  get: (_t, k) => k === Symbol.iterator ? function* () {} : k === 'then' ? undefined : k === 'visible' ? false
    : k === Symbol.toPrimitive ? () => '' : any,
  apply: () => any,
  construct: () => any,
  set: () => true,
};
const any = new Proxy(function () {}, handler);
const jupyter = { id: 'ms-toolsai.jupyter', isActive: true, exports: { createJupyterServerCollection: () => any } };
const bundle = ${JSON.stringify(BUNDLE)};
// The bundle copies the module's own keys (esbuild's interop): give it every namespace and class name it could use.
const names = ['window', 'workspace', 'languages', 'commands', 'env', 'debug', 'tasks', 'notebooks', 'l10n'];
for (const m of require('fs').readFileSync(bundle, 'utf8').matchAll(/\\b[A-Z][A-Za-z]+\\b/g)) names.push(m[0]);
const extensions = {
  getExtension: (id) => (${withJupyter} && id === jupyter.id ? jupyter : undefined),
  onDidChange: () => any,
};
const vscode = Object.fromEntries(names.map((n) => [n, any]));
vscode.extensions = extensions;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
const context = { subscriptions: [] };
require(bundle).activate(context);
// Whatever activation scheduled (promises, immediates) runs too before the verdict.
setTimeout(() => {
  const cached = Object.keys(require.cache).filter((f) => /dockerode|[\\\\/]chunks[\\\\/]/.test(f));
  process.stdout.write(JSON.stringify({ loaded, cached, subscriptions: context.subscriptions.length }));
  process.exit(0);
}, 200);
`;

for (const withJupyter of [false, true]) {
  test(`activate() loads neither dockerode nor a lazy chunk${withJupyter ? ' (Jupyter extension installed)' : ''}`, () => {
    const r = spawnSync(process.execPath, ['-e', script(withJupyter)], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { loaded: string[]; cached: string[]; subscriptions: number };
    assert.ok(out.subscriptions > 50, `activation registered only ${out.subscriptions} disposables`);
    assert.deepEqual(out.loaded, [], `required during activation: ${out.loaded.join(', ')}`);
    assert.deepEqual(out.cached, []);
  });
}
