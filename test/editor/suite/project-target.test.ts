// Issue 27, defect 4: commands act on the project the user points at (the clicked Project-view row, or the
// project of the file being edited), not only on a Dockerfile open in the editor or at the workspace root.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const launchJson = () => path.join(ws(), '.vscode', 'launch.json');

describe('Commands act on the project pointed at', function () {
  this.timeout(120000);
  const root = () => path.join(ws(), 'project-target');
  let launchBefore: string | undefined;

  before(() => {
    launchBefore = fs.existsSync(launchJson()) ? fs.readFileSync(launchJson(), 'utf8') : undefined;
    for (const name of ['alpha', 'beta']) {
      const dir = path.join(root(), name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'train.py'), 'import json\nprint(json.dumps({"ok": 1}))\n');
      fs.writeFileSync(
        path.join(dir, 'Dockerfile'),
        'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "train.py"]\n',
      );
    }
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(root(), { recursive: true, force: true });
    if (launchBefore === undefined) fs.rmSync(launchJson(), { force: true });
    else fs.writeFileSync(launchJson(), launchBefore);
  });

  const debugRoots = () =>
    (
      JSON.parse(fs.readFileSync(launchJson(), 'utf8')) as {
        configurations: { name: string; pathMappings?: { localRoot: string }[] }[];
      }
    ).configurations
      .filter((c) => c.name.startsWith('Debug in Container'))
      .map((c) => c.pathMappings?.[0]?.localRoot);

  it('with a script of one project open, Add Debug… takes that project (no Dockerfile editor open)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root(), 'beta', 'train.py')));
    await vscode.commands.executeCommand('dsContainers.project.addDebugConfiguration');
    assert.deepStrictEqual(debugRoots(), ['${workspaceFolder}/project-target/beta']);
  });

  it("a Project-view row's command takes the row's project, whatever file is open", async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(root(), 'beta', 'train.py')));
    // The element VS Code passes for a click on a row of the Project view carries its project.
    const row = {
      id: 'project:project-target/alpha',
      kind: 'group',
      label: 'alpha',
      project: path.join(root(), 'alpha'),
    };
    await vscode.commands.executeCommand('dsContainers.project.addDebugConfiguration', row);
    assert.deepStrictEqual(debugRoots(), ['${workspaceFolder}/project-target/alpha']);
  });
});
