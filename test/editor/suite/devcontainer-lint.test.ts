// devcontainer.json lint in the real editor: DSC201 (no Dockerfile there), DSC202 (root remote user) and DSC203
// (a port published on every interface) are diagnostics of the open file, and each quick fix repairs its line.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { fixes, until } from './until';

const SOURCE = 'dsc-devcontainer';
const BROKEN = `// written by hand
{
  "name": "churn",
  "build": { "dockerfile": "Dockerfile.gone", "context": ".." },
  "remoteUser": "root",
  "runArgs": ["--init", "-p", "8888:8888"]
}
`;

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

describe('devcontainer.json lint in the editor', function () {
  this.timeout(60000);
  const dir = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'lint', 'devcontainer');
  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    fs.mkdirSync(path.join(dir(), '.devcontainer'), { recursive: true });
    fs.writeFileSync(path.join(dir(), 'Dockerfile'), 'FROM python:3.11-slim\n');
    fs.writeFileSync(path.join(dir(), '.devcontainer', 'devcontainer.json'), BROKEN);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.rmSync(dir(), { recursive: true, force: true });
  });

  it('DSC201–203 are shown on their lines, and each quick fix repairs the file', async () => {
    const uri = vscode.Uri.file(path.join(dir(), '.devcontainer', 'devcontainer.json'));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await until('three devcontainer diagnostics', () => ours(uri).length === 3 && ours(uri));
    const at = (code: string) => diags.find((d) => codeOf(d) === code)!;
    assert.deepStrictEqual(diags.map(codeOf).sort(), ['DSC201', 'DSC202', 'DSC203']);
    assert.strictEqual(doc.getText(at('DSC201').range), '"Dockerfile.gone"');
    assert.strictEqual(at('DSC201').severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(at('DSC202').range), '"root"');
    assert.strictEqual(doc.getText(at('DSC203').range), '"8888:8888"');
    assert.strictEqual(at('DSC203').range.start.line, 5);

    for (const [code, title] of [
      ['DSC201', "Build from the project's Dockerfile (../Dockerfile)"],
      ['DSC202', 'Run as the image\'s user "app"'],
      ['DSC203', 'Publish on 127.0.0.1 only (127.0.0.1:8888:8888)'],
    ]) {
      const d = ours(uri).find((x) => codeOf(x) === code);
      assert.ok(d, `${code} is still shown`);
      // The editor drops a code-action answer when the document changed while it was asked (the previous fix's
      // edit and its diagnostics reach the editor asynchronously): ask again until the fix is offered.
      let offered: string[] = [];
      const fix = await until(
        `${code}'s fix offered`,
        async () => {
          const actions = await fixes(uri, d);
          offered = actions.map((a) => a.title);
          return actions.find((a) => a.title === title && a.edit);
        },
        15000,
        () => `offered ${offered.join(' | ') || 'nothing'}`,
      );
      assert.ok(fix.edit);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await until(`${code} to go`, () => !ours(uri).some((x) => codeOf(x) === code));
    }
    assert.strictEqual(
      doc.getText(),
      BROKEN.replace('"Dockerfile.gone"', '"../Dockerfile"')
        .replace('"root"', '"app"')
        .replace('"-p", "8888:8888"', '"-p", "127.0.0.1:8888:8888"'),
    );
    assert.deepStrictEqual(ours(uri), []);
  });
});
