// In an untrusted folder the editor features work, and nothing builds, runs or writes project files.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('untrusted workspace', () => {
  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
  });

  it('the folder really is untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('Dockerfile diagnostics still work (restricted mode keeps language features)', async () => {
    const doc = await vscode.workspace.openTextDocument(path.join(ws(), 'dockerfile', 'broken', 'Dockerfile'));
    await vscode.window.showTextDocument(doc);
    let diags: vscode.Diagnostic[] = [];
    for (let i = 0; i < 100 && !diags.length; i++) {
      await sleep(100);
      diags = vscode.languages.getDiagnostics(doc.uri);
    }
    assert.ok(diags.length > 0, 'no diagnostics in an untrusted folder');
  });

  it('Containerize Project refuses and writes nothing', async () => {
    const dir = path.join(ws(), 'untrusted-project');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'main.py'),
      'import numpy\n\nif __name__ == "__main__":\n    print(numpy.zeros(2))\n',
    );
    const r = await vscode.commands.executeCommand('dsContainers.project.containerize', {
      folder: dir,
      noPreview: true,
      noPin: true,
    });
    assert.strictEqual(r, undefined);
    assert.deepStrictEqual(fs.readdirSync(dir), ['main.py']);
  });

  it('Build Image refuses: no image appears on the engine', async () => {
    const dir = path.join(ws(), 'dsc-test-untrusted-build');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM python:3.11-slim\nRUN echo built > /built\nUSER 1000\nCMD ["true"]\n',
    );
    const r = await vscode.commands.executeCommand(
      'dsContainers.project.build',
      vscode.Uri.file(path.join(dir, 'Dockerfile')),
    );
    assert.strictEqual(r, undefined);
    const tags = (await new Engine(resolveEndpoint({ env: process.env })).listImages()).flatMap((i) => i.tags);
    assert.ok(!tags.some((t) => t.includes('dsc-test-untrusted-build')), `built anyway: ${tags.join(', ')}`);
  });

  it('Run on Kubernetes refuses: no manifests are generated or applied', async () => {
    const before = vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml' && d.isUntitled).length;
    const r = await vscode.commands.executeCommand(
      'dsContainers.project.runOnKubernetes',
      vscode.Uri.file(path.join(ws(), 'untrusted-project')),
      { image: '127.0.0.1:5000/team/churn:1', apply: true },
    );
    assert.strictEqual(r, undefined);
    const after = vscode.workspace.textDocuments.filter((d) => d.languageId === 'yaml' && d.isUntitled).length;
    assert.strictEqual(after, before, 'no manifests document opened');
  });

  it('no Build · Run · Check CodeLens on Dockerfiles', async () => {
    const uri = vscode.Uri.file(path.join(ws(), 'dsc-test-untrusted-build', 'Dockerfile'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    assert.deepStrictEqual(
      lenses.filter((l) => l.command?.command.startsWith('dsContainers.')),
      [],
    );
  });
});
