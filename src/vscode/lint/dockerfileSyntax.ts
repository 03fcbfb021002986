import * as vscode from 'vscode';
import { lintDockerfile } from '../../core/dockerfile/lint';
import { toDiagnostic } from '../platform/findings';
import { onSettingChange, setting } from '../platform/settings';
import { peerPresent, syntaxDiagnosticsOn } from './dockerfilePeers';

export interface DiagnosticsOptions {
  /** Wait this long after the last keystroke before re-linting. */
  debounceMs?: number;
  /** Is a peer extension reporting Dockerfile problems? Injectable so tests can stand one in. */
  peerPresent?: () => boolean;
}

const isDockerfile = (d: vscode.TextDocument) => d.languageId === 'dockerfile';

/**
 * Publishes lint findings for open Dockerfiles: at once on open, debounced while typing, cleared
 * on close; recomputed when the setting or the set of installed extensions changes.
 */
export class DockerfileDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('dockerfile');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subs: vscode.Disposable[];
  private readonly debounceMs: number;
  private readonly peer: () => boolean;
  private readonly initial: NodeJS.Timeout;

  constructor(options: DiagnosticsOptions = {}) {
    this.debounceMs = options.debounceMs ?? 300;
    this.peer = options.peerPresent ?? peerPresent;
    this.subs = [
      vscode.workspace.onDidOpenTextDocument((d) => this.lintNow(d)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.lintSoon(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d)),
      onSettingChange('dockerfile', () => this.lintAll()),
      vscode.extensions.onDidChange(() => this.lintAll()),
      // The document itself closes only when vscode disposes it, which can be minutes after its tab goes.
      vscode.window.tabGroups.onDidChangeTabs((e) => e.closed.forEach((t) => this.tabClosed(t))),
    ];
    // The documents already open are linted just after activation, which then stays cheap.
    this.initial = setTimeout(() => this.lintAll(), 0);
  }

  /** Are syntax diagnostics shown right now for this document (setting and peers considered)? */
  syntaxOn(doc?: vscode.TextDocument): boolean {
    return syntaxDiagnosticsOn(setting('dockerfile.diagnostics', doc), this.peer());
  }

  lintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.lintNow(d);
  }

  lintNow(doc: vscode.TextDocument): void {
    if (!isDockerfile(doc) || doc.isClosed) return;
    this.cancel(doc);
    const findings = lintDockerfile(doc.getText(), { syntax: this.syntaxOn(doc) });
    this.collection.set(doc.uri, findings.map(toDiagnostic));
  }

  private lintSoon(doc: vscode.TextDocument): void {
    if (!isDockerfile(doc)) return;
    this.cancel(doc);
    this.timers.set(
      doc.uri.toString(),
      setTimeout(() => this.lintNow(doc), this.debounceMs),
    );
  }

  private forget(doc: vscode.TextDocument): void {
    this.cancel(doc);
    this.collection.delete(doc.uri);
  }

  private tabClosed(tab: vscode.Tab): void {
    if (!(tab.input instanceof vscode.TabInputText)) return;
    const uri = tab.input.uri.toString();
    const stillShown = vscode.window.tabGroups.all.some((g) =>
      g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri),
    );
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!stillShown && doc) this.forget(doc);
  }

  private cancel(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    clearTimeout(this.initial);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const s of this.subs) s.dispose();
    this.collection.dispose();
  }
}
