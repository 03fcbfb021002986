import * as vscode from 'vscode';
import { Finding } from '../../core/findings';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** One core Finding as an editor diagnostic: every collection (syntax, DSC, requirements, drift) uses this. */
export function toDiagnostic(f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    new vscode.Range(f.line, f.col, f.endLine, f.endCol),
    f.message,
    SEVERITY[f.severity],
  );
  d.source = f.source;
  if (f.code) d.code = f.code;
  if (f.tags)
    d.tags = f.tags.map((t) =>
      t === 'deprecated' ? vscode.DiagnosticTag.Deprecated : vscode.DiagnosticTag.Unnecessary,
    );
  return d;
}
