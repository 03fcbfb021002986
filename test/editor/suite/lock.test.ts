// Issue 9 in the real extension host against the real engine: Lock Environment from the palette builds
// the missing image and writes requirements.lock (the user's Dockerfile is left alone, DSC019 offers the
// change), the Project view shows locked / drifted, Check Image Imports marks the drifted package at its
// lock line and a fixed lock clears it, and bad locks are refused in one line with nothing overwritten.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';
import { defaultTag } from '../../../src/core/docker/tag';
import { TreeNode } from '../../../src/core/docker/tree';
import type { LockOutcome } from '../../../src/vscode/lock/lockEnvironment';
import { until } from './until';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = (f: string) => path.join(ws(), f);
const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const DOCKERFILE = [
  'FROM local/python:3.11-scipy',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'CMD ["python", "-c", "print(1)"]',
  '',
].join('\n');

/** The Project view's lock row once its description matches. */
async function lockRow(description: RegExp): Promise<TreeNode> {
  await vscode.commands.executeCommand('dsContainers.project.refresh');
  return until(`the lock row to say ${description}`, async () => {
    const snap = await vscode.commands.executeCommand<{ project: TreeNode[] }>('dsContainers.explorer.snapshot');
    // The workspace folder's row: alone at the top, or under the folder's own project node ('' → '/lock').
    const all = (ns: TreeNode[]): TreeNode[] => ns.flatMap((n) => [n, ...all(n.children ?? [])]);
    const row = all(snap.project).find((n) => n.id === 'lock' || n.id === '/lock');
    return row && description.test(row.description ?? '') ? row : undefined;
  });
}

const lock = (arg?: unknown) => vscode.commands.executeCommand<LockOutcome>('dsContainers.project.lock', arg);
const lockDiagnostics = () =>
  vscode.languages
    .getDiagnostics(vscode.Uri.file(file('requirements.lock')))
    .filter((d) => d.source === 'ds-containers lock');

describe('lock environment', function () {
  this.timeout(300000);
  const tag = () => defaultTag(path.basename(ws()));
  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    fs.writeFileSync(file('Dockerfile'), DOCKERFILE);
    fs.writeFileSync(file('requirements.txt'), 'numpy\n');
    await engine.removeBuiltImage(tag()).catch(() => undefined);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of ['Dockerfile', 'requirements.txt', 'requirements.lock']) fs.rmSync(file(f), { force: true });
    await engine.removeBuiltImage(tag()).catch(() => undefined);
  });

  it('from the palette: builds the missing image, writes the lock, leaves the Dockerfile alone; the view says locked', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual((await lockRow(/^not locked$/)).contextValue, 'lock:none');
    const r = await lock();
    assert.ok(r.ok, JSON.stringify(r));
    assert.strictEqual(r.outcome, 'created');
    const text = fs.readFileSync(file('requirements.lock'), 'utf8');
    assert.match(text, /^numpy==1\.24\.2$/m);
    assert.match(text, /^# base: local\/python:3\.11-scipy$/m);
    assert.ok(r.count >= 31, String(r.count));
    assert.strictEqual(fs.readFileSync(file('Dockerfile'), 'utf8'), DOCKERFILE, 'never rewritten silently');
    const row = await lockRow(/^locked$/);
    assert.match(row.tooltip!, /^Locked: requirements\.lock was written from /);
    // The change the lock asks of the Dockerfile is a DSC019 quick fix, applied only when chosen.
    const uri = vscode.Uri.file(file('Dockerfile'));
    await vscode.window.showTextDocument(uri);
    const d = await until('DSC019 on the install', () =>
      vscode.languages.getDiagnostics(uri).find((x) => x.code === 'DSC019'),
    );
    assert.strictEqual(d.range.start.line, 3);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
    );
    assert.ok(
      actions.some((a) => a.title === 'Install requirements.txt through requirements.lock (pip -c)'),
      actions.map((a) => a.title).join(' | '),
    );
    // Locking the same image again: unchanged, not rewritten.
    const mtime = fs.statSync(file('requirements.lock')).mtimeMs;
    const again = await lock(vscode.Uri.file(file('requirements.txt')));
    assert.ok(again.ok && again.outcome === 'unchanged', JSON.stringify(again));
    assert.strictEqual(fs.statSync(file('requirements.lock')).mtimeMs, mtime);
  });

  it('a drifted lock: the view says drifted and why; Check Image Imports marks the package line; a fixed lock clears it', async () => {
    const lockFile = file('requirements.lock');
    const text = fs.readFileSync(lockFile, 'utf8');
    const line = text.split('\n').indexOf('numpy==1.24.2');
    fs.writeFileSync(lockFile, text.replace(/^numpy==1\.24\.2$/m, 'numpy==1.24.3'));
    const row = await lockRow(/^drifted/);
    assert.strictEqual(row.contextValue, 'lock:drifted');
    assert.match(
      row.tooltip!,
      new RegExp(`requirements\\.lock:${line + 1}: numpy is 1\\.24\\.2 in the image, the lock says 1\\.24\\.3`),
    );
    assert.match(row.tooltip!, /Lock Environment rewrites requirements\.lock/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('dsContainers.project.checkImports', vscode.Uri.file(file('Dockerfile')));
    const ds = lockDiagnostics();
    assert.deepStrictEqual(
      ds.map((d) => [d.range.start.line, d.message, d.severity]),
      [[line, 'numpy is 1.24.2 in the image, the lock says 1.24.3', vscode.DiagnosticSeverity.Error]],
    );
    // The user fixes the line and saves: compared again (the probe is cached), the diagnostic goes.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(lockFile));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(line).range, 'numpy==1.24.2');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    await until('the lock diagnostics to clear', () => lockDiagnostics().length === 0);
    await lockRow(/^locked$/);
  });

  it('bad input: a broken line, another Python, a newer lock, an image without Python: one line each, nothing overwritten', async () => {
    const lockFile = file('requirements.lock');
    const cases: [string, RegExp][] = [
      [
        '# python: 3.11.2\nnumpy=1.24.2\n',
        /^requirements\.lock:2: cannot read "numpy=1\.24\.2": expected name==version; fix or delete the line; it is left as it is$/,
      ],
      [
        '# python: 3.9.18\nsix==1.16.0\n',
        /^requirements\.lock:1: the lock is for Python 3\.9\.18, .* has Python 3\.11\.\d+; it is left as it is$/,
      ],
      [
        `# image: sha256:${'e'.repeat(64)} (created 2099-01-01T00:00:00.000Z)\n# python: 3.11.2\nsix==1.16.0\n`,
        /^requirements\.lock:1: the lock was written from a newer image than .*; it is left as it is$/,
      ],
    ];
    for (const [text, message] of cases) {
      fs.writeFileSync(lockFile, text);
      const r = await lock(vscode.Uri.file(file('Dockerfile')));
      assert.ok(!r.ok && message.test(r.error), JSON.stringify(r));
      assert.strictEqual(fs.readFileSync(lockFile, 'utf8'), text, 'nothing overwritten');
    }
    fs.rmSync(lockFile);
    fs.writeFileSync(
      file('Dockerfile'),
      'FROM python:3.11-slim\nRUN rm -f /usr/bin/python /usr/bin/python3 /usr/bin/python3.* /usr/local/bin/python*\n',
    );
    const built = await vscode.commands.executeCommand<{ ok: boolean; error?: string }>(
      'dsContainers.project.build',
      vscode.Uri.file(file('Dockerfile')),
    );
    assert.ok(built.ok, built.error);
    const r = await lock(vscode.Uri.file(file('Dockerfile')));
    assert.ok(
      !r.ok && /^[^\n]+: no Python in the image \(neither python nor python3 is on its PATH\)$/.test(r.error),
      JSON.stringify(r),
    );
    assert.ok(!fs.existsSync(lockFile));
  });
});
