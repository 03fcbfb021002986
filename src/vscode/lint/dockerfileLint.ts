import * as vscode from 'vscode';
import { Services } from '../services';
import { nameAndTag } from '../../core/registry/reference';
import { dscLint, dscFixes, dscRule, FixOptions, LintFacts } from '../../core/dockerfile/rules';
import { LintContext } from '../../core/dockerfile/rules/context';
import { baseImageRefs } from '../../core/dockerfile/rules/buildkit/platform';
import { PlatformFactsCache } from '../../node/dockerfile/platformFacts';
import { dockerignorePatterns } from '../../node/dockerfile/ignoreFile';
import { anchorText } from '../../core/dockerfile/rules/markdown';
import { InterpreterCache } from './interpreter';
import { peerQuiet } from '../../core/dockerfile/peerRules';
import { installedPeers } from './dockerfilePeers';
import { onSettingChange, ruleSeverities, setting } from '../platform/settings';
import { fromDiagnostic, quickFix, toWorkspaceEdit } from './quickFixes';
import { toDiagnostic } from '../platform/findings';
import type { ImageInfo } from '../../core/docker/types';
import type { Finding, Severity } from '../../core/findings';
import { shellcheckDockerfile } from '../../node/dockerfile/shellcheck';
import { isShellcheckCode, shellcheckAnchor } from '../../core/dockerfile/shellcheck';
import { lockFactsBeside, onLockFileChange } from './lockFacts';

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
    for (const ref of images.flatMap((i) => i.tags)) {
      const { name, tag } = nameAndTag(ref);
      if (tag !== undefined) (out[name] ??= []).push(tag);
    }
    return out;
  } catch {
    return {};
  }
}

/** The hover of one of our diagnostics: the rule's docs, or ShellCheck's code linked to its page. */
function hoverText(code: string, message: string): string | undefined {
  const ignore = `_Silence it on one line with_ \`# dsc-ignore ${code}\`.`;
  if (isShellcheckCode(code)) return `**${code}** (${anchorText(shellcheckAnchor(code))}) ${message}\n\n${ignore}`;
  const rule = dscRule(code);
  if (!rule) return undefined;
  const also = rule.anchor ? ` (${anchorText(rule.anchor)})` : '';
  return `**${rule.id}**${also} ${message}\n\n${rule.docs}\n\n${ignore}`;
}

/** DSC rules, Docker's build checks and ShellCheck in the editor: one `dsc` collection, hover docs, quick fixes. */
export function registerDscLint(s: Services, interp: InterpreterCache): void {
  const collection = vscode.languages.createDiagnosticCollection('dsc');
  const timers = new Map<string, NodeJS.Timeout>();
  // ShellCheck's last answer per document: kept while the next one runs if the lines did not move.
  const shell = new Map<string, { lines: number; findings: Finding[] }>();
  let shellProblem = '';
  // The local base images' platforms (InvalidBaseImagePlatform), remembered; a pass never waits on Docker.
  const platforms = new PlatformFactsCache(() => s.engine.get());
  const lint = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'dockerfile') return;
    if (!setting('lint.enable')) return collection.delete(doc.uri);
    const severities = ruleSeverities() as Record<string, Severity | 'off'>;
    // Beside a peer extension, the checks it shows already are its (one problem, one diagnostic).
    const quiet = peerQuiet(setting('dockerfile.diagnostics', doc), installedPeers());
    const text = doc.getText();
    const refs = baseImageRefs(new LintContext(text));
    const facts: LintFacts = {
      ...platforms.known(refs),
      ...(doc.uri.scheme === 'file' ? { dockerignore: dockerignorePatterns(doc.uri.fsPath) } : {}),
      lock: lockFactsBeside(doc.uri),
    };
    const { findings, skipped } = dscLint(text, { severities, budgetMs: BUDGET_MS, ...quiet, facts });
    // New answers from the engine lint the document again (with them); none: nothing more happens.
    void platforms.refresh(refs).then((changed) => changed && !doc.isClosed && schedule(doc));
    if (skipped.length)
      s.log.warn(`${doc.uri.fsPath}: lint over its ${BUDGET_MS} ms budget, skipped ${skipped.join(' ')}`);
    const key = doc.uri.toString();
    const before = shell.get(key);
    const kept = before && before.lines === doc.lineCount ? before.findings : [];
    collection.set(doc.uri, [...findings, ...kept].map(toDiagnostic));
    // ShellCheck runs as a child process, after the rules: typing never waits for it.
    const version = doc.version;
    // Beside the hadolint extension, ShellCheck's findings are already shown (hadolint runs it).
    if (quiet.peerShowsHadolint) return void shell.delete(key);
    void shellcheckDockerfile(text, { severities }).then(
      (r) => {
        if (doc.isClosed || doc.version !== version || !setting('lint.enable')) return;
        if (r.state === 'failed' && r.message !== shellProblem) s.log.warn(`ShellCheck: ${(shellProblem = r.message)}`);
        const sc = r.state === 'not-installed' ? [] : r.findings;
        shell.set(key, { lines: doc.lineCount, findings: sc });
        collection.set(doc.uri, [...findings, ...sc].map(toDiagnostic));
      },
      (e: unknown) => s.log.warn(`ShellCheck: ${e instanceof Error ? e.message : String(e)}`),
    );
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
    return {
      installed: facts.installed,
      pythonVersion: facts.version,
      localTags: tags,
      facts: { lock: lockFactsBeside(doc) },
    };
  };

  s.context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => e.document.languageId === 'dockerfile' && schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      shell.delete(doc.uri.toString());
      collection.delete(doc.uri);
    }),
    onSettingChange('lint', () => vscode.workspace.textDocuments.forEach(lint)),
    onSettingChange('dockerfile', () => vscode.workspace.textDocuments.forEach(lint)),
    vscode.extensions.onDidChange(() => vscode.workspace.textDocuments.forEach(lint)),
    // A lock written, edited or deleted changes what DSC003 and DSC019 say about the Dockerfile beside it.
    onLockFileChange(() => vscode.workspace.textDocuments.forEach(lint)),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.languages.registerHoverProvider(SELECTOR, {
      provideHover(doc, pos) {
        const parts = (collection.get(doc.uri) ?? [])
          .filter((d) => d.range.contains(pos))
          .map((d) => hoverText(String(d.code), d.message))
          .filter((x): x is string => !!x);
        return parts.length ? new vscode.Hover(parts.map((p) => new vscode.MarkdownString(p))) : undefined;
      },
    }),
    vscode.languages.registerCodeActionsProvider(
      SELECTOR,
      {
        async provideCodeActions(doc, _range, ctx) {
          const ours = ctx.diagnostics.filter((d) => d.source === 'dsc' || d.source === 'shellcheck');
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
