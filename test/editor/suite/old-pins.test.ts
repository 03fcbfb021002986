// Issue 25 in the editor: Containerize's preview says which pins have no wheel for the Python and applies the
// choice the user picks (here: the base image whose Python every pin supports). The quick picks are answered
// by a stand-in for window.showQuickPick that records what each one offered.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
type Pick = vscode.QuickPickItem;

describe('old pins: the preview shows pins without wheels and the choice', function () {
  this.timeout(120000);
  const dir = () => path.join(ws(), 'old-pins', 'flask-2019');
  after(() => fs.rmSync(path.join(ws(), 'old-pins'), { recursive: true, force: true }));

  it('a "No wheel for Python" row; picking "Use python:3.7-slim" writes FROM python:3.7-slim', async () => {
    fs.mkdirSync(dir(), { recursive: true });
    fs.writeFileSync(
      path.join(dir(), 'app.py'),
      'import numpy\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run()\n',
    );
    fs.writeFileSync(path.join(dir(), 'requirements.txt'), 'Flask==1.0.2\nnumpy==1.16.3\n');
    const seen: string[][] = [];
    const original = vscode.window.showQuickPick;
    // The preview (first and last time: "Write files"), the row, then its choices.
    const answers = ['$(warning) No wheel for Python', 'Use python:3.7-slim', '$(check) Write files'];
    (vscode.window as { showQuickPick: unknown }).showQuickPick = async (items: readonly Pick[] | Thenable<Pick[]>) => {
      const list = await items;
      seen.push(list.map((i) => `${i.label}${i.description ? ` | ${i.description}` : ''}`));
      const want = answers.shift() ?? '$(check) Write files';
      return list.find((i) => i.label.startsWith(want));
    };
    let r: ContainerizeResult | undefined;
    try {
      r = await vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
        folder: dir(),
        build: false,
        spec: { pythonVersion: '3.11' },
      });
    } finally {
      (vscode.window as { showQuickPick: unknown }).showQuickPick = original;
    }
    const row = seen[0]?.find((l) => l.startsWith('$(warning) No wheel for Python 3.11'));
    assert.ok(row, `the preview has the row: ${JSON.stringify(seen)}`);
    assert.match(row, /numpy==1\.16\.3/);
    assert.ok(
      seen[1]?.some((l) => l.startsWith('Use python:3.7-slim')),
      `the choices: ${JSON.stringify(seen[1])}`,
    );
    assert.ok(!seen[2]?.some((l) => l.startsWith('$(warning)')), 'the row is gone once the choice is made');
    assert.ok(r?.written.includes('Dockerfile'), JSON.stringify(r));
    assert.match(fs.readFileSync(path.join(dir(), 'Dockerfile'), 'utf8'), /^FROM python:3\.7-slim$/m);
    assert.strictEqual(fs.readFileSync(path.join(dir(), 'requirements.txt'), 'utf8'), 'Flask==1.0.2\nnumpy==1.16.3\n');
  });
});
