// One analysis per project folder, shared by the Project view, Containerize's preview and the drift diagnostics,
// so the three show the same packages, names and versions: computed once, kept until a file the analysis reads
// changes (or the interpreter does), then computed again on the next ask.
import * as path from 'path';
import * as vscode from 'vscode';
import { analyzeProject } from '../../node/analyze';
import type { ProjectAnalysis } from '../../core/project';
import { ANALYSIS_INPUTS } from '../../core/projectFiles';
import { PythonInterpreters } from './python';
import { excludedRequirements, onSettingChange } from './settings';

type Progress = (scanned: number, total: number) => void;
interface Entry {
  root: string;
  analysis: Promise<ProjectAnalysis>;
  listeners: Set<Progress>;
}

export class ProjectAnalyses implements vscode.Disposable {
  private readonly cache = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a project folder whose analysis is out of date. */
  readonly onDidChange = this.changed.event;
  private readonly done = new vscode.EventEmitter<string>();
  /** Fires with a project folder whose analysis has just been computed. */
  readonly onDidAnalyse = this.done.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly python: PythonInterpreters) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/{${ANALYSIS_INPUTS.join(',')}}`);
    const stale = (uri: vscode.Uri) => this.forget(uri.fsPath);
    this.disposables = [
      watcher,
      watcher.onDidChange(stale),
      watcher.onDidCreate(stale),
      watcher.onDidDelete(stale),
      // Another interpreter: other versions and another import map.
      python.onDidChange(() => this.forgetAll()),
      // Requirements the user excludes are left out of the analysis.
      onSettingChange('requirements', () => this.forgetAll()),
      this.changed,
      this.done,
    ];
  }

  /** The analysis of `root`, started by the first caller and shared with the others until it is out of date. */
  async get(root: string, o: { noPin?: boolean; onProgress?: Progress } = {}): Promise<ProjectAnalysis> {
    const abs = path.resolve(root);
    const { command } = await this.python.forResource(vscode.Uri.file(abs));
    const exclude = excludedRequirements(vscode.Uri.file(abs));
    const key = JSON.stringify([abs, command, !!o.noPin, exclude]);
    let e = this.cache.get(key);
    if (!e) {
      const listeners = new Set<Progress>();
      const analysis = analyzeProject(abs, {
        python: command,
        noPin: o.noPin,
        exclude,
        onProgress: (n, total) => listeners.forEach((f) => f(n, total)),
      });
      const entry: Entry = (e = { root: abs, analysis, listeners });
      this.cache.set(key, entry);
      // A failed analysis is not kept: the next ask tries again.
      analysis.then(
        () => this.cache.get(key) === entry && this.done.fire(abs),
        () => this.cache.get(key) === entry && this.cache.delete(key),
      );
    }
    const { listeners, analysis } = e;
    if (o.onProgress) {
      listeners.add(o.onProgress);
      void analysis.finally(() => listeners.delete(o.onProgress!)).catch(() => undefined);
    }
    return analysis;
  }

  /**
   * The analysis of `root` when it is at hand (cached, or done within a moment); else undefined, and it is
   * computed meanwhile (onDidAnalyse says when). For diagnostics, which must not wait for a whole scan.
   */
  async current(root: string): Promise<ProjectAnalysis | undefined> {
    const pending = this.get(root).catch(() => undefined);
    return Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), 250))]);
  }

  /**
   * Drops the analyses that `file` belongs to, or, for a folder, those of the projects inside it; the next ask
   * computes them again.
   */
  forget(file: string): void {
    const abs = path.resolve(file);
    const inside = (a: string, b: string) => a === b || a.startsWith(b + path.sep);
    for (const [key, e] of this.cache)
      if (inside(abs, e.root) || inside(e.root, abs)) {
        this.cache.delete(key);
        this.changed.fire(e.root);
      }
  }

  private forgetAll(): void {
    [...this.cache.values()].forEach((e) => this.forget(e.root));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
