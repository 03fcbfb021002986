import * as vscode from 'vscode';
import type { ProjectMode } from '../../core/project';

/** What the editor remembers of the last successful build of one Dockerfile. */
export interface LastBuild {
  tag: string;
  imageId: string;
  /** 0-based lines of the instructions whose step came from the cache. */
  cachedLines: number[];
  at: number;
}

/** One running container started by Run Image (or Containerize). */
export interface RunHandle {
  id: string;
  tag: string;
  dir: string;
  mode: ProjectMode;
  /** Resolves with the container's exit code (0 after a stop). */
  exit: Promise<number>;
  /** Resolves with the Jupyter URL (host port, token) once the server prints it; undefined otherwise. */
  url: Promise<string | undefined>;
  stop(): void;
}

/** Build and run state shared by the commands, the CodeLens and the inlay hints. */
export class BuildRunState implements vscode.Disposable {
  readonly buildDiagnostics = vscode.languages.createDiagnosticCollection('dsContainers.build');
  readonly importDiagnostics = vscode.languages.createDiagnosticCollection('dsContainers.imports');
  /** requirements.lock against the image, after Check Image Imports (lock/diagnostics.ts). */
  readonly lockDiagnostics = vscode.languages.createDiagnosticCollection('dsContainers.lock');
  private readonly builds = new Map<string, LastBuild>();
  /** The cause of each Dockerfile's last build when it failed: the Project view keeps "Retry" for it. */
  private readonly failures = new Map<string, string>();
  // A "Build failed" problem speaks of the text that was built: an edit to the file makes it stale.
  private readonly edits = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.contentChanges.length && this.buildDiagnostics.has(e.document.uri))
      this.buildDiagnostics.delete(e.document.uri);
  });
  readonly runs = new Set<RunHandle>();
  private readonly built = new vscode.EventEmitter<string>();
  /** Fires with the Dockerfile's fsPath after each build (success or failure). */
  readonly onDidBuild = this.built.event;

  lastBuild(dockerfile: string): LastBuild | undefined {
    return this.builds.get(dockerfile);
  }

  lastFailure(dockerfile: string): string | undefined {
    return this.failures.get(dockerfile);
  }

  /** A successful build (`b`), or a failure and its cause. */
  recordBuild(dockerfile: string, b: LastBuild | undefined, failure?: string): void {
    if (b) this.builds.set(dockerfile, b);
    if (b) this.failures.delete(dockerfile);
    else if (failure) this.failures.set(dockerfile, failure);
    this.built.fire(dockerfile);
  }

  dispose(): void {
    for (const r of this.runs) r.stop();
    this.edits.dispose();
    this.buildDiagnostics.dispose();
    this.importDiagnostics.dispose();
    this.lockDiagnostics.dispose();
    this.built.dispose();
  }
}
