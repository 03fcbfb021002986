import * as vscode from 'vscode';
import { Finding, FixAction, TextEdit } from '../../core/findings';
import { currentText } from '../platform/documents';

// Core findings' fixes as editor quick fixes: ranges, edits, and appends to a sibling file.

export function toRange(r: { line: number; col: number; endLine: number; endCol: number }): vscode.Range {
  return new vscode.Range(r.line, r.col, r.endLine, r.endCol);
}

/** The finding a diagnostic came from (code and range are all the fixes need). */
export function fromDiagnostic(d: vscode.Diagnostic): Pick<Finding, 'code' | 'line' | 'col' | 'endLine' | 'endCol'> {
  const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
  return {
    code,
    line: d.range.start.line,
    col: d.range.start.character,
    endLine: d.range.end.line,
    endCol: d.range.end.character,
  };
}

export function toTextEdit(e: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(toRange(e), e.newText);
}

/**
 * A WorkspaceEdit for a core FixAction on `uri`; `append` lines go at the end of the sibling file
 * (created when missing), never replacing what is there.
 */
export async function toWorkspaceEdit(uri: vscode.Uri, fix: FixAction): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, fix.edits.map(toTextEdit));
  if (fix.append) {
    const target = vscode.Uri.joinPath(uri, '..', fix.append.file);
    const text = await currentText(target);
    if (text === undefined) {
      edit.createFile(target, { ignoreIfExists: true });
      edit.insert(target, new vscode.Position(0, 0), fix.append.lines.map((l) => `${l}\n`).join(''));
    } else {
      const lines = text.split('\n');
      const end = new vscode.Position(lines.length - 1, lines[lines.length - 1].length);
      const sep = text.length && !text.endsWith('\n') ? '\n' : '';
      edit.insert(target, end, sep + fix.append.lines.map((l) => `${l}\n`).join(''));
    }
  }
  return edit;
}

export function quickFix(
  title: string,
  diagnostic: vscode.Diagnostic,
  edit: vscode.WorkspaceEdit,
  preferred = false,
): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.diagnostics = [diagnostic];
  a.edit = edit;
  a.isPreferred = preferred;
  return a;
}
