import * as vscode from 'vscode';
import type { ProjectMode } from '../../core/project';
import type { BuildOutcome } from '../../node/docker/build';
import type { BuildTarget } from '../platform/target';

/** What the editor remembers of the last successful build of one Dockerfile. */
export interface LastBuild {
  tag: string;
  imageId: string;
  /** 0-based lines of the instructions whose step came from the cache. */
  cachedLines: number[];
  at: number;
}

/**
 * One finished build: the hints and the Project view redraw; lock and registries subscribe to make their offers
 * after a success asked to be followed by them (`offer`), so buildRun need not import them.
 */
export interface BuildEvent {
  dockerfile: string;
  target?: BuildTarget;
  outcome?: BuildOutcome;
  /** Build Image and Containerize: offer to lock and push. Lock's own build, Run's and Debug's: no. */
  offer?: boolean;
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
  private readonly built = new vscode.EventEmitter<BuildEvent>();
  /** Fires after each build (success or failure), with its outcome when buildWithProgress made it. */
  readonly onDidBuild = this.built.event;

  lastBuild(dockerfile: string): LastBuild | undefined {
    return this.builds.get(dockerfile);
  }

  lastFailure(dockerfile: string): string | undefined {
    return this.failures.get(dockerfile);
  }

  /** A successful build (`b`), or a failure and its cause. */
  recordBuild(
    dockerfile: string,
    b: LastBuild | undefined,
    failure?: string,
    done?: Omit<BuildEvent, 'dockerfile'>,
  ): void {
    if (b) this.builds.set(dockerfile, b);
    if (b) this.failures.delete(dockerfile);
    else if (failure) this.failures.set(dockerfile, failure);
    this.built.fire({ dockerfile, ...done });
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
