// Data-science lint of devcontainer.json (DSC201–DSC203) with its quick fixes.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { DEVCONTAINER_SOURCE, lintDevcontainer } from '../../core/devcontainer/lint';
import { applySeverities } from '../../core/severity';
import { setting } from '../platform/settings';
import { toDiagnostic } from '../platform/findings';

const isDevcontainer = (d: vscode.TextDocument) =>
  d.uri.scheme === 'file' && /(^|[\\/])\.?devcontainer\.json$/.test(d.fileName);

function findings(doc: vscode.TextDocument) {
  const dir = path.dirname(doc.fileName);
  return lintDevcontainer(doc.getText(), {
    exists: (rel) => fs.statSync(path.resolve(dir, rel), { throwIfNoEntry: false })?.isFile() ?? false,
  });
}

export function registerDevcontainerLint(s: Services): void {
  const collection = vscode.languages.createDiagnosticCollection(DEVCONTAINER_SOURCE);
  const lint = (doc: vscode.TextDocument) => {
    if (!isDevcontainer(doc)) return;
    if (!setting('lint.enable')) return void collection.delete(doc.uri);
    collection.set(doc.uri, applySeverities(findings(doc), setting('lint.rules')).map(toDiagnostic));
  };
  s.context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.languages.registerCodeActionsProvider(
      [{ pattern: '**/devcontainer.json' }, { pattern: '**/.devcontainer.json' }],
      {
        provideCodeActions(doc, _range, ctx) {
          const ours = ctx.diagnostics.filter((d) => d.source === DEVCONTAINER_SOURCE);
          if (!ours.length) return [];
          const all = findings(doc);
          const actions: vscode.CodeAction[] = [];
          for (const d of ours) {
            const f = all.find(
              (x) => x.code === String(d.code) && x.line === d.range.start.line && x.col === d.range.start.character,
            );
            for (const fix of f?.fixes ?? []) {
              const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
              a.diagnostics = [d];
              a.isPreferred = true;
              a.edit = new vscode.WorkspaceEdit();
              a.edit.set(
                doc.uri,
                fix.edits.map(
                  (e) => new vscode.TextEdit(new vscode.Range(e.line, e.col, e.endLine, e.endCol), e.newText),
                ),
              );
              actions.push(a);
            }
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  vscode.workspace.textDocuments.forEach(lint);
}
