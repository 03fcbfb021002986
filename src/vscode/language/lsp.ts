// Small converters between the LSP shapes that dockerfile-language-service returns and vscode's
// classes. LSP enums are numbers; vscode's kind enums are the LSP value minus one.
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-types';
import type { DockerfileLanguageService } from 'dockerfile-language-service';

export const toRange = (r: lsp.Range) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
export const fromPosition = (p: vscode.Position): lsp.Position => ({ line: p.line, character: p.character });
export const fromRange = (r: vscode.Range): lsp.Range => ({ start: fromPosition(r.start), end: fromPosition(r.end) });

export const toTextEdit = (e: lsp.TextEdit) => new vscode.TextEdit(toRange(e.range), e.newText);
export const toTextEdits = (edits: lsp.TextEdit[] | null | undefined) => (edits ?? []).map(toTextEdit);

type Doc = string | lsp.MarkupContent | lsp.MarkedString | lsp.MarkedString[];
export function toMarkdown(d: Doc): vscode.MarkdownString {
  if (Array.isArray(d)) {
    const md = new vscode.MarkdownString();
    for (const part of d) md.appendMarkdown(toMarkdown(part).value + '\n\n');
    return md;
  }
  if (typeof d === 'string') return new vscode.MarkdownString(d);
  if ('kind' in d)
    return d.kind === 'markdown' ? new vscode.MarkdownString(d.value) : new vscode.MarkdownString().appendText(d.value);
  return new vscode.MarkdownString().appendCodeblock(d.value, d.language);
}

/** The LSP view of one of our diagnostics, as the library's code-action analysis expects it. */
type ServiceDiagnostic = Parameters<DockerfileLanguageService['computeCodeActions']>[2]['diagnostics'][number];
export function fromDiagnostic(d: vscode.Diagnostic): ServiceDiagnostic {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return {
    range: fromRange(d.range),
    message: d.message,
    severity: (d.severity + 1) as ServiceDiagnostic['severity'],
    code,
    source: d.source,
  };
}

export function toCompletionItem(i: lsp.CompletionItem): vscode.CompletionItem {
  const item = new vscode.CompletionItem(i.label, i.kind ? i.kind - 1 : undefined);
  const text = i.textEdit ? i.textEdit.newText : (i.insertText ?? i.label);
  item.insertText = i.insertTextFormat === 2 ? new vscode.SnippetString(text) : text;
  if (i.textEdit) {
    item.range =
      'range' in i.textEdit
        ? toRange(i.textEdit.range)
        : { inserting: toRange(i.textEdit.insert), replacing: toRange(i.textEdit.replace) };
  }
  if (i.detail) item.detail = i.detail;
  if (i.documentation) item.documentation = toMarkdown(i.documentation);
  if (i.sortText) item.sortText = i.sortText;
  if (i.filterText) item.filterText = i.filterText;
  if (i.deprecated || i.tags?.includes(1)) item.tags = [vscode.CompletionItemTag.Deprecated];
  return item;
}

export function toSymbol(s: lsp.SymbolInformation, uri: vscode.Uri): vscode.SymbolInformation {
  return new vscode.SymbolInformation(
    s.name,
    s.kind - 1,
    s.containerName ?? '',
    new vscode.Location(uri, toRange(s.location.range)),
  );
}

export function toFoldingRange(f: lsp.FoldingRange): vscode.FoldingRange {
  const kinds: Record<string, vscode.FoldingRangeKind> = {
    comment: vscode.FoldingRangeKind.Comment,
    imports: vscode.FoldingRangeKind.Imports,
    region: vscode.FoldingRangeKind.Region,
  };
  return new vscode.FoldingRange(f.startLine, f.endLine, f.kind ? kinds[f.kind] : undefined);
}

export function toSignatureHelp(h: lsp.SignatureHelp): vscode.SignatureHelp {
  const help = new vscode.SignatureHelp();
  help.activeSignature = h.activeSignature ?? 0;
  help.activeParameter = h.activeParameter ?? 0;
  help.signatures = h.signatures.map((s) => {
    const sig = new vscode.SignatureInformation(s.label, s.documentation ? toMarkdown(s.documentation) : undefined);
    sig.parameters = (s.parameters ?? []).map(
      (p) => new vscode.ParameterInformation(p.label, p.documentation ? toMarkdown(p.documentation) : undefined),
    );
    if (s.activeParameter != null) sig.activeParameter = s.activeParameter;
    return sig;
  });
  return help;
}
