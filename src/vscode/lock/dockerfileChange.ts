// After a lock, the Dockerfile changes it asks for (install through the lock, pin the base by the
// recorded digest) are offered, never made: a diff, then a modal "Apply". DSC019 and DSC003 offer the
// same edits as quick fixes in the Dockerfile.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { LockResult } from '../../node/lock';
import { installThroughLockFix, pinBaseFix } from '../../core/environment/dockerfileLock';
import { applyEdits } from '../../core/edits';
import { FixAction } from '../../core/findings';
import { currentText } from '../platform/documents';
import { BuildTarget } from '../platform/target';
import { toTextEdit } from '../lint/quickFixes';

/** The changes the lock asks of the Dockerfile's text (none: it installs through the lock and is pinned). */
export function dockerfileChanges(text: string, r: Pick<LockResult, 'base' | 'baseDigest'>): FixAction[] {
  const pin = r.base && r.baseDigest ? pinBaseFix(text, r.base, r.baseDigest) : undefined;
  return [installThroughLockFix(text), pin].filter((f): f is FixAction => !!f);
}

export async function offerDockerfileChange(s: Services, t: BuildTarget, r: LockResult): Promise<void> {
  const uri = vscode.Uri.file(t.dockerfile);
  const text = await currentText(uri);
  if (text === undefined) return;
  const fixes = dockerfileChanges(text, r);
  if (!fixes.length) return;
  const what = fixes.map((f) => f.title).join('; ');
  const pick = await vscode.window.showInformationMessage(`${t.dockerfileName}: ${what}?`, 'Review Change…');
  if (pick !== 'Review Change…') return;
  const proposed = applyEdits(
    text,
    fixes.flatMap((f) => f.edits),
  );
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lock-'));
  try {
    const tmp = path.join(folder, t.dockerfileName);
    fs.writeFileSync(tmp, proposed);
    await vscode.commands.executeCommand(
      'vscode.diff',
      uri,
      vscode.Uri.file(tmp),
      `${t.dockerfileName}: yours ↔ locked`,
    );
    const sure = await vscode.window.showWarningMessage(
      `Apply the change to ${t.dockerfileName} (see the diff)?`,
      { modal: true },
      'Apply',
    );
    if (sure !== 'Apply') return;
    // The edits were computed on `text`: applied only if the Dockerfile has not changed meanwhile.
    if ((await currentText(uri)) !== text)
      throw new Error(`${t.dockerfileName} changed meanwhile: lock again to review`);
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, fixes.flatMap((f) => f.edits).map(toTextEdit));
    await vscode.workspace.applyEdit(edit);
    await (await vscode.workspace.openTextDocument(uri)).save();
    s.log.info(`${t.dockerfile}: ${what}`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
