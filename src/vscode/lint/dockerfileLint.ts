import * as vscode from 'vscode';
import { Services } from '../services';
import { dscLint, dscFixes, dscRule, FixOptions } from '../../core/dockerfile/rules';
import { anchorText } from '../../core/dockerfile/rules/markdown';
import { InterpreterCache } from './interpreter';
import { peerQuiet } from '../../core/dockerfile/peerRules';
import { installedPeers } from './dockerfilePeers';
import { onSettingChange, ruleSeverities, setting } from '../platform/settings';
import { fromDiagnostic, quickFix, toWorkspaceEdit } from './quickFixes';
import { toDiagnostic } from '../platform/findings';
import type { ImageInfo } from '../../core/docker/types';
import type { Severity } from '../../core/findings';

const DEBOUNCE_MS = 300;
// Each pass starts no rule after this many milliseconds, so that no rule can freeze typing; a 200-line
// Dockerfile takes a few ms, so only a pathological file reaches it.
const BUDGET_MS = 150;
const SELECTOR: vscode.DocumentSelector = { language: 'dockerfile' };

/** Tags of local images, by repository, for DSC003's "pin the tag" fix; none when Docker is slow or away. */
async function localTags(s: Services): Promise<Record<string, string[]>> {
  try {
    // A quick fix must not wait on a slow engine: without an answer in 1.5 s it offers Python tags.
    const images = await Promise.race([
      s.engine.get().listImages(),
      new Promise<ImageInfo[]>((r) => setTimeout(() => r([]), 1500).unref()),
    ]);
    const out: Record<string, string[]> = {};
    for (const tag of images.flatMap((i) => i.tags)) {
      const at = tag.lastIndexOf(':');
      if (at > 0) (out[tag.slice(0, at)] ??= []).push(tag.slice(at + 1));
    }
    return out;
  } catch {
    return {};
  }
}

/** DSC001–DSC010 in the editor: a `dsc` diagnostic collection, hover with the rule docs, quick fixes. */
export function registerDscLint(s: Services, interp: InterpreterCache): void {
  const collection = vscode.languages.createDiagnosticCollection('dsc');
  const timers = new Map<string, NodeJS.Timeout>();
  const lint = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'dockerfile') return;
    if (!setting('lint.enable')) return collection.delete(doc.uri);
    const severities = ruleSeverities() as Record<string, Severity | 'off'>;
    // Beside a peer extension, the checks it shows already are its (one problem, one diagnostic).
    const quiet = peerQuiet(setting('dockerfile.diagnostics', doc), installedPeers());
    const { findings, skipped } = dscLint(doc.getText(), { severities, budgetMs: BUDGET_MS, ...quiet });
    if (skipped.length)
      s.log.warn(`${doc.uri.fsPath}: lint over its ${BUDGET_MS} ms budget, skipped ${skipped.join(' ')}`);
    collection.set(doc.uri, findings.map(toDiagnostic));
  };
  const schedule = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        lint(doc);
      }, DEBOUNCE_MS),
    );
  };
  const fixOptions = async (doc: vscode.Uri): Promise<FixOptions> => {
    const [facts, tags] = await Promise.all([interp.facts(doc), localTags(s)]);
    return { installed: facts.installed, pythonVersion: facts.version, localTags: tags };
  };

  s.context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => e.document.languageId === 'dockerfile' && schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      collection.delete(doc.uri);
    }),
    onSettingChange('lint', () => vscode.workspace.textDocuments.forEach(lint)),
    onSettingChange('dockerfile', () => vscode.workspace.textDocuments.forEach(lint)),
    vscode.extensions.onDidChange(() => vscode.workspace.textDocuments.forEach(lint)),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover(doc, pos) {
        const parts = (collection.get(doc.uri) ?? [])
          .filter((d) => d.range.contains(pos))
          .map((d) => {
            const rule = dscRule(String(d.code));
            if (!rule) return undefined;
            const also = rule.anchor ? ` (${anchorText(rule.anchor)})` : '';
            const silence = `_Silence it on one line with_ \`# dsc-ignore ${rule.id}\`.`;
            return `**${rule.id}**${also} ${rule.message}\n\n${rule.docs}\n\n${silence}`;
          })
          .filter((x): x is string => !!x);
        return parts.length ? new vscode.Hover(parts.map((p) => new vscode.MarkdownString(p))) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      {
        async provideCodeActions(doc, _range, ctx) {
          const ours = ctx.diagnostics.filter((d) => d.source === 'dsc');
          if (!ours.length) return [];
          const opts = await fixOptions(doc.uri);
          const text = doc.getText();
          const actions: vscode.CodeAction[] = [];
          for (const d of ours) {
            const fixes = dscFixes(text, fromDiagnostic(d), opts);
            for (const [n, fix] of fixes.entries())
              actions.push(quickFix(fix.title, d, await toWorkspaceEdit(doc.uri, fix), n === 0));
            const line = d.range.start.line;
            const indent = /^\s*/.exec(doc.lineAt(line).text)![0];
            const suppress = new vscode.WorkspaceEdit();
            suppress.insert(doc.uri, new vscode.Position(line, 0), `${indent}# dsc-ignore ${String(d.code)}\n`);
            actions.push(quickFix(`Ignore ${String(d.code)} on this line`, d, suppress));
          }
          return actions;
        },
      },
      { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
    ),
  );
  vscode.workspace.textDocuments.forEach(lint);
}
