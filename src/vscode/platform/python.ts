import * as vscode from 'vscode';
import { chooseInterpreter, describeInterpreter, InterpreterChoice } from '../../core/python/interpreterChoice';
import { onSettingChange, setting } from './settings';
import { Log } from './log';

/** The Python extension, whose active interpreter is the one the user works with. */
export const PYTHON_EXTENSION_ID = 'ms-python.python';

type EnvironmentPath = { id: string; path: string };
/**
 * The few members of the Python extension's public API we use (the shape its
 * `@vscode/python-extension` facade documents), declared here rather than adding a dependency.
 */
interface PythonApi {
  ready?: Promise<void>;
  environments: {
    getActiveEnvironmentPath(resource?: vscode.Uri): EnvironmentPath;
    resolveEnvironment(env: EnvironmentPath | string): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
  };
}

/** Finds the Python extension; injectable so a test can run as if it were not installed. */
export type PeerLookup = () => vscode.Extension<unknown> | undefined;

// The real extension discovers environments before `ready`; we wait for it, but not forever.
const READY_TIMEOUT_MS = 15000;

/**
 * Answers "which interpreter for this resource" for every caller (Project view, Containerize,
 * lint caches), and fires onDidChange when the answer may have changed: the Python extension's
 * active environment, our setting, workspace trust, or the extension being installed or removed.
 */
export class PythonInterpreters implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** The interpreter may now be another one: caches should forget their facts. */
  readonly onDidChange = this.changed.event;
  private api?: Promise<PythonApi | undefined>;
  private apiListener?: vscode.Disposable;
  private hadPeer?: boolean;
  private readonly logged = new Map<string, string>();
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly log: Log,
    private readonly peer: PeerLookup = () => vscode.extensions.getExtension(PYTHON_EXTENSION_ID),
  ) {
    this.disposables = [
      this.changed,
      onSettingChange('python.path', () => this.changed.fire()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()),
      vscode.extensions.onDidChange(() => {
        if (this.hadPeer === undefined || !!this.peer() === this.hadPeer) return;
        this.forgetApi();
        this.changed.fire();
      }),
    ];
  }

  /** The interpreter to probe for files under `resource` (a folder or a file). */
  async forResource(resource?: vscode.Uri): Promise<InterpreterChoice> {
    // Untrusted: the path may come from the workspace's settings, so nothing is run (or even asked).
    if (!vscode.workspace.isTrusted) return this.note(resource, chooseInterpreter({ trusted: false }));
    const fromExtension = await this.fromExtension(resource);
    return this.note(
      resource,
      chooseInterpreter({ trusted: true, fromExtension, setting: setting('python.path', resource) }),
    );
  }

  private async fromExtension(resource?: vscode.Uri): Promise<string | undefined> {
    const api = await (this.api ??= this.loadApi());
    if (!api) return undefined;
    try {
      const active = api.environments.getActiveEnvironmentPath(resource);
      const env = await api.environments.resolveEnvironment(active);
      const exe = env?.executable.uri?.fsPath;
      if (!exe)
        this.log.info(
          `python: the Python extension's environment ${active.path} has no interpreter executable; using the fallback`,
        );
      return exe;
    } catch (e) {
      this.log.warn(`python: the Python extension did not answer: ${(e as Error).message}`);
      return undefined;
    }
  }

  private async loadApi(): Promise<PythonApi | undefined> {
    const ext = this.peer();
    this.hadPeer = !!ext;
    if (!ext) return undefined;
    try {
      const api = (ext.isActive ? ext.exports : await ext.activate()) as PythonApi | undefined;
      if (!api?.environments?.getActiveEnvironmentPath) {
        this.log.warn(`python: ${ext.id} has no environments API; using the fallback`);
        return undefined;
      }
      await Promise.race([api.ready, new Promise((r) => setTimeout(r, READY_TIMEOUT_MS))]);
      this.apiListener = api.environments.onDidChangeActiveEnvironmentPath(() => this.changed.fire());
      return api;
    } catch (e) {
      this.log.warn(`python: could not use ${ext.id}: ${(e as Error).message}`);
      return undefined;
    }
  }

  private forgetApi(): void {
    this.apiListener?.dispose();
    this.apiListener = undefined;
    this.api = undefined;
  }

  // Logged when the answer for a folder changes, not on every lookup (drift asks often).
  private note(resource: vscode.Uri | undefined, choice: InterpreterChoice): InterpreterChoice {
    const folder = resource ? vscode.workspace.getWorkspaceFolder(resource) : undefined;
    const key = folder?.uri.toString() ?? '';
    const line = describeInterpreter(choice);
    if (this.logged.get(key) !== line) {
      this.logged.set(key, line);
      this.log.info(`python${folder ? ` (${folder.name})` : ''}: ${line}`);
    }
    return choice;
  }

  dispose(): void {
    this.forgetApi();
    this.disposables.forEach((d) => d.dispose());
  }
}
