// Issue 27 in the real editor: DSC103 follows the lock beside requirements.txt (created, deleted), and
// DSC008 offers a fix that takes the secret out of the Dockerfile and applies it.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { fixes, until } from './until';

const ID = 'ds-containers.ds-containers';

function wsUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'lint', rel);
}
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const codes = (uri: vscode.Uri, source: string, code: string) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === source && codeOf(d) === code);

describe('issue 27: lint that tells the truth (DSC103 beside a lock, DSC008 fixes)', () => {
  before(async () => {
    await vscode.extensions.getExtension(ID)?.activate();
  });

  it('DSC103 is not shown while requirements.lock constrains the build, and comes back when the lock goes', async () => {
    const uri = wsUri('locked/requirements.txt');
    const lock = wsUri('locked/requirements.lock');
    const lockText = await vscode.workspace.fs.readFile(lock);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // The lint has run once another finding can show up: a duplicate line typed in is reported.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), 'numpy\n');
    await vscode.workspace.applyEdit(edit);
    await until('the duplicate is reported', () => codes(uri, 'dsc-requirements', 'DSC102').length === 1);
    assert.deepEqual(codes(uri, 'dsc-requirements', 'DSC103'), [], 'the lock pins numpy and pandas');
    await vscode.workspace.fs.delete(lock);
    try {
      await until('DSC103 once the lock is gone', () => codes(uri, 'dsc-requirements', 'DSC103').length >= 2);
    } finally {
      await vscode.workspace.fs.writeFile(lock, lockText);
    }
    await until('DSC103 gone again with the lock back', () => codes(uri, 'dsc-requirements', 'DSC103').length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('DSC008 offers "Move … to run time": the ENV line goes, the value lands in .env', async () => {
    const uri = wsUri('secret/Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await until('DSC008', () => codes(uri, 'dsc', 'DSC008')[0]);
    const actions = await fixes(uri, d);
    const titles = actions.map((a) => a.title);
    const move = actions.find((a) => a.title === 'Move OPENAI_API_KEY to run time (.env, out of the image)');
    assert.ok(move?.edit, `offered besides Ignore: ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(move.edit), 'the edit applies');
    assert.doesNotMatch(doc.getText(), /sk-live-value/);
    assert.match(doc.getText(), /^# OPENAI_API_KEY is set at run time from \.env/m);
    const env = await vscode.workspace.openTextDocument(wsUri('secret/.env'));
    assert.match(env.getText(), /^OPENAI_API_KEY=sk-live-value$/m);
    await until('DSC008 gone', () => codes(uri, 'dsc', 'DSC008').length === 0);
    await vscode.workspace.saveAll(false);
  });
});
