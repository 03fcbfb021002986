import * as vscode from 'vscode';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type * as lsp from 'vscode-languageserver-types';
import { fromDiagnostic, fromRange, toTextEdits } from '../lsp';
import { SYNTAX_SOURCE } from '../../../core/dockerfile/syntax';
import { toLibCommand, toOurCommand } from '../../../core/dockerfile/fixIds';

/** Quick fixes for our own syntax diagnostics, running under our command ids. */
export class DockerfileCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly service: () => DockerfileLanguageService) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics.filter((d) => d.source === SYNTAX_SOURCE)) {
      const commands = this.service().computeCodeActions({ uri: doc.uri.toString() }, fromRange(range), {
        diagnostics: [fromDiagnostic(diagnostic)],
      });
      for (const c of commands) {
        const action = new vscode.CodeAction(c.title, vscode.CodeActionKind.QuickFix);
        action.command = { title: c.title, command: toOurCommand(c.command), arguments: c.arguments };
        action.diagnostics = [diagnostic];
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Runs one of the library's fixes (by our id) on the document it names: arguments are [uri, range]. */
export async function applyFix(
  service: DockerfileLanguageService,
  ourId: string,
  uri: string,
  range: lsp.Range,
): Promise<boolean> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const edits = toTextEdits(service.computeCommandEdits(doc.getText(), toLibCommand(ourId), [uri, range]));
  if (!edits.length) return false;
  const edit = new vscode.WorkspaceEdit();
  edit.set(doc.uri, edits);
  return vscode.workspace.applyEdit(edit);
}
