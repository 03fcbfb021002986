import * as vscode from 'vscode';
import { flagCompletions } from '../../../core/dockerfile/flagCompletions';
import type { DockerfileLanguageService } from 'dockerfile-language-service';
import type * as lsp from 'vscode-languageserver-types';
import * as c from '../lsp';

// The library's semantic-token legend, in its own order (dockerSemanticTokens.ts TokensLegend).
export const semanticLegend = new vscode.SemanticTokensLegend(
  [
    'keyword',
    'comment',
    'parameter',
    'property',
    'namespace',
    'class',
    'macro',
    'string',
    'variable',
    'operator',
    'modifier',
  ],
  ['declaration', 'definition', 'deprecated'],
);

const formatting = (o: vscode.FormattingOptions) => ({ tabSize: o.tabSize, insertSpaces: o.insertSpaces });

/** Every editor feature of dockerfile-language-service except diagnostics and code actions, in-process. */
export function registerProviders(
  selector: vscode.DocumentSelector,
  service: () => DockerfileLanguageService,
): vscode.Disposable[] {
  // Each request asks for the service, so the library loads on the first request, not at activation.
  const L = vscode.languages;
  const text = (d: vscode.TextDocument) => d.getText();
  const id = (d: vscode.TextDocument) => ({ uri: d.uri.toString() });
  // resolveCompletionItem needs the library's own item back, so remember which one each came from.
  const origin = new WeakMap<vscode.CompletionItem, lsp.CompletionItem>();

  return [
    L.registerCompletionItemProvider(
      selector,
      {
        async provideCompletionItems(d, p) {
          const items = [
            ...(await service().computeCompletionItems(text(d), c.fromPosition(p))),
            ...flagCompletions(text(d), c.fromPosition(p)),
          ];
          return items.map((i) => {
            const item = c.toCompletionItem(i as lsp.CompletionItem);
            origin.set(item, i as lsp.CompletionItem);
            return item;
          });
        },
        resolveCompletionItem(item) {
          const source = origin.get(item);
          const resolved = source && (service().resolveCompletionItem(source as never) as lsp.CompletionItem);
          if (resolved?.documentation) item.documentation = c.toMarkdown(resolved.documentation);
          return item;
        },
      },
      '=',
      '$',
      '-',
      ':',
    ),
    L.registerHoverProvider(selector, {
      provideHover(d, p) {
        const h = service().computeHover(text(d), c.fromPosition(p));
        return h
          ? new vscode.Hover(c.toMarkdown(h.contents as lsp.MarkupContent), h.range && c.toRange(h.range))
          : undefined;
      },
    }),
    L.registerDocumentFormattingEditProvider(selector, {
      provideDocumentFormattingEdits: (d, o) => c.toTextEdits(service().format(text(d), formatting(o))),
    }),
    L.registerDocumentRangeFormattingEditProvider(selector, {
      provideDocumentRangeFormattingEdits: (d, r, o) =>
        c.toTextEdits(service().formatRange(text(d), c.fromRange(r), formatting(o))),
    }),
    L.registerOnTypeFormattingEditProvider(
      selector,
      {
        provideOnTypeFormattingEdits: (d, p, ch, o) =>
          c.toTextEdits(service().formatOnType(text(d), c.fromPosition(p), ch, formatting(o))),
      },
      '\\',
      '`',
    ),
    L.registerDocumentSymbolProvider(selector, {
      provideDocumentSymbols: (d) =>
        service()
          .computeSymbols(id(d), text(d))
          .map((s) => c.toSymbol(s, d.uri)),
    }),
    L.registerFoldingRangeProvider(selector, {
      provideFoldingRanges: (d) => service().computeFoldingRanges(text(d)).map(c.toFoldingRange),
    }),
    L.registerDocumentLinkProvider(selector, {
      provideDocumentLinks: (d) =>
        service()
          .computeLinks(text(d))
          .map((l) => {
            const resolved = l.target ? l : service().resolveLink(l);
            return new vscode.DocumentLink(
              c.toRange(l.range),
              resolved.target ? vscode.Uri.parse(resolved.target) : undefined,
            );
          }),
    }),
    L.registerDocumentHighlightProvider(selector, {
      provideDocumentHighlights: (d, p) =>
        service()
          .computeHighlightRanges(text(d), c.fromPosition(p))
          .map((h) => new vscode.DocumentHighlight(c.toRange(h.range), h.kind ? h.kind - 1 : undefined)),
    }),
    L.registerDefinitionProvider(selector, {
      provideDefinition(d, p) {
        const loc = service().computeDefinition(id(d), text(d), c.fromPosition(p));
        return loc ? new vscode.Location(d.uri, c.toRange(loc.range)) : undefined;
      },
    }),
    L.registerRenameProvider(selector, {
      prepareRename(d, p) {
        const r = service().prepareRename(text(d), c.fromPosition(p));
        if (!r) throw new Error('Only build stages, ARG and ENV variables can be renamed.');
        return c.toRange(r);
      },
      provideRenameEdits(d, p, newName) {
        const edit = new vscode.WorkspaceEdit();
        edit.set(d.uri, c.toTextEdits(service().computeRename(id(d), text(d), c.fromPosition(p), newName)));
        return edit;
      },
    }),
    L.registerDocumentSemanticTokensProvider(
      selector,
      {
        provideDocumentSemanticTokens: (d) =>
          new vscode.SemanticTokens(new Uint32Array(service().computeSemanticTokens(text(d)).data)),
      },
      semanticLegend,
    ),
    L.registerSignatureHelpProvider(
      selector,
      {
        provideSignatureHelp(d, p) {
          const h = service().computeSignatureHelp(text(d), c.fromPosition(p));
          return h && h.signatures.length ? c.toSignatureHelp(h as lsp.SignatureHelp) : undefined;
        },
      },
      '-',
      '[',
      ',',
      ' ',
      '=',
    ),
  ];
}
