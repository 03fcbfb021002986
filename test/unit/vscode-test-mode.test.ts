// The editor suite's hooks (the explorer snapshot command, preset answers to modal dialogs) exist
// only in the Test extension mode. Checked with the real command table and handlers over a minimal
// fake `vscode` module (the unit tier has no editor), in Production and in Test mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const ExtensionMode = { Production: 1, Development: 2, Test: 3 };
const registered = new Map<string, (...args: unknown[]) => Promise<unknown>>();
const warnings: string[] = [];

/** Every member exists: calls and constructors return more of the same (for top-level uses). */
const any: unknown = new Proxy(function () {}, {
  get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : any),
  apply: () => any,
  construct: () => any as object,
  set: () => true,
});
const withFallback = (o: Record<string, unknown>) =>
  new Proxy(o, { get: (t, k) => (typeof k === 'string' && k in t ? t[k] : any) });
const fakeVscode = withFallback({
  ExtensionMode,
  CancellationError: class extends Error {},
  commands: withFallback({
    registerCommand: (id: string, fn: (...a: unknown[]) => Promise<unknown>) => {
      registered.set(id, fn);
      return { dispose() {} };
    },
  }),
  window: withFallback({
    showWarningMessage: async (message: string) => {
      warnings.push(message);
      return undefined;
    }, // the user dismisses every dialog
    showInformationMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    withProgress: (_o: unknown, fn: (p: unknown) => Promise<unknown>) => fn({ report() {} }),
  }),
  workspace: withFallback({ isTrusted: true }),
});
for (const k of [
  'Uri',
  'EventEmitter',
  'ThemeIcon',
  'ThemeColor',
  'TreeItem',
  'TreeItemCollapsibleState',
  'Disposable',
  'Range',
  'Position',
  'languages',
  'env',
  'extensions',
  'tasks',
  'ProgressLocation',
  'StatusBarAlignment',
  'MarkdownString',
  'ConfigurationTarget',
  'ViewColumn',
  'LogLevel',
  'QuickPickItemKind',
]) {
  (fakeVscode as Record<string, unknown>)[k] = any;
}

const Module = require('module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fakeVscode } as NodeJS.Module;

async function activateCommands(mode: number) {
  registered.clear();
  warnings.length = 0;
  const done: string[] = [];
  const engine = {
    listImages: async () => [{ id: 'sha256:dangling', tags: [], size: 10, created: 0, labels: {} }],
    danglingSize: async () => 10,
    pruneDanglingImages: async () => {
      done.push('prune');
      return { deleted: ['sha256:dangling'], spaceReclaimed: 10 };
    },
    removeImage: async (ref: string) => void done.push(`remove image ${ref}`),
    removeContainer: async (id: string) => void done.push(`remove container ${id}`),
  };
  const log = withFallback({ error: () => undefined, info: () => undefined });
  const services = {
    context: { extensionMode: mode, subscriptions: [] },
    log,
    engine: { get: () => engine },
    explorer: { model: { refresh: async () => undefined } },
  };
  const { registerCommands } = await import('../../src/vscode/commands');
  registerCommands(services as never);
  const image = { id: 'i', kind: 'image', label: 'team/model:v1', image: { id: 'sha256:img', ref: 'team/model:v1' } };
  const container = {
    id: 'c',
    kind: 'container',
    label: 'box',
    container: { id: 'cid', name: 'box', state: 'exited' },
  };
  await registered.get('dsContainers.images.prune')!(undefined, { confirmed: true });
  await registered.get('dsContainers.images.remove')!(image, { confirmed: 'Force Remove' });
  await registered.get('dsContainers.containers.remove')!(container, [container], { confirmed: true });
  return { ids: [...registered.keys()], done, warnings: [...warnings] };
}

test('Production: no snapshot command, and a preset answer does not skip the confirmation', async () => {
  const r = await activateCommands(ExtensionMode.Production);
  assert.ok(r.ids.includes('dsContainers.images.prune'));
  assert.ok(!r.ids.includes('dsContainers.explorer.snapshot'), 'the snapshot command is registered outside Test mode');
  assert.deepEqual(r.done, [], 'the engine was asked to remove something without a confirmation');
  assert.deepEqual(r.warnings, [
    'Remove 1 dangling image? This frees up to 10B.',
    'Remove image team/model:v1?',
    'Remove container "box"?',
  ]);
});

test('Development (F5) is treated like Production', async () => {
  const r = await activateCommands(ExtensionMode.Development);
  assert.ok(!r.ids.includes('dsContainers.explorer.snapshot'));
  assert.deepEqual(r.done, []);
});

test('Test mode (the editor suite): the snapshot command exists and preset answers skip the modal', async () => {
  const r = await activateCommands(ExtensionMode.Test);
  assert.ok(r.ids.includes('dsContainers.explorer.snapshot'));
  assert.deepEqual(r.done, ['prune', 'remove image team/model:v1', 'remove container cid']);
  assert.deepEqual(r.warnings, []);
});
