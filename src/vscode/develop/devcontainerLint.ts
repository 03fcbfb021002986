// Data-science lint of devcontainer.json (DSC201–DSC203) with its quick fixes.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Services } from '../services';
import { DEVCONTAINER_SOURCE, DevcontainerFinding, lintDevcontainer } from '../../core/devcontainer/lint';
import { applySeverities } from '../../core/severity';
import { setting } from '../platform/settings';
import { toDiagnostic } from '../platform/findings';

const isDevcontainer = (d: vscode.TextDocument) =>
  d.uri.scheme === 'file' && /(^|[\\/])\.?devcontainer\.json$/.test(d.fileName);

/** What the editor shows for the document as it is now: the diagnostics and the quick fixes both come from here. */
function findings(doc: vscode.TextDocument): DevcontainerFinding[] {
  if (!setting('lint.enable')) return [];
  const dir = path.dirname(doc.fileName);
  const all = lintDevcontainer(doc.getText(), {
    exists: (rel) => fs.statSync(path.resolve(dir, rel), { throwIfNoEntry: false })?.isFile() ?? false,
  });
  // A rule turned off shows nothing and offers nothing; the others keep their fixes (applySeverities copies them).
  return applySeverities(all, setting('lint.rules')) as DevcontainerFinding[];
}

export function registerDevcontainerLint(s: Services): void {
  const collection = vscode.languages.createDiagnosticCollection(DEVCONTAINER_SOURCE);
  const lint = (doc: vscode.TextDocument) => {
    if (!isDevcontainer(doc)) return;
    collection.set(doc.uri, findings(doc).map(toDiagnostic));
  };
  s.context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.languages.registerCodeActionsProvider(
      [{ pattern: '**/devcontainer.json' }, { pattern: '**/.devcontainer.json' }],
      {
        // Fixes come from linting the document as it is now, for the findings in the asked range, not from
        // matching ctx.diagnostics by position: those are whatever the collection held when the request was
        // made, and a request that raced an edit (or the collection's refresh after it) matched none and
        // offered nothing. A diagnostic that is the same finding is attached when there is one.
        provideCodeActions(doc, range, ctx) {
          const actions: vscode.CodeAction[] = [];
          for (const f of findings(doc)) {
            const at = new vscode.Range(f.line, f.col, f.endLine, f.endCol);
            if (!at.intersection(range)) continue;
            const same = ctx.diagnostics.filter(
              (d) => d.source === DEVCONTAINER_SOURCE && String(d.code) === f.code && d.range.isEqual(at),
            );
            for (const fix of f.fixes) {
              const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
              if (same.length) a.diagnostics = same;
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
