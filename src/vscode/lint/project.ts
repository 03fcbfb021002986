import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { DriftImport, ImportIndex, analysedNames, driftEnv, DriftEnv } from '../../core/drift';
import type { ProjectAnalysis } from '../../core/project';
import { followIncludes } from '../../core/requirements/includes';
import { scanPython } from '../../core/python/extract';
import { extractNotebook, isForeignCell } from '../../core/python/notebook';
import { NOT_PROJECT_DIRS } from '../../core/projectFiles';
import { walkProject } from '../../node/walk';
import { LocalModules } from '../../core/python/resolve';
import type { InterpreterFacts } from '../../core/python/resolve';
import { currentText } from '../platform/documents';
import { excludedRequirements } from '../platform/settings';
import { excludeDirectives } from '../../core/requirements/exclude';
import { normalizeName } from '../../core/requirements/names';

/** Where requirements.txt files are not looked for: the folders that are not project code. */
// A function, not a constant: projectFiles.ts is in a lazy chunk (scripts/bundle.mjs) that activation does not load.
const notProject = () => `**/{${NOT_PROJECT_DIRS.join(',')}}/**`;

/** Imports of one notebook cell's text; none for a cell whose magic makes it another language. */
export function cellImports(text: string, file: string): DriftImport[] {
  return isForeignCell(text) ? [] : pythonImports(text, file);
}

/** Imports of a Python text, as drift sees them. */
export function pythonImports(text: string, file: string): DriftImport[] {
  return scanPython(text, { file }).imports.map((i) => ({
    module: i.module,
    line: i.line,
    class: i.class,
    isRelative: i.isRelative,
  }));
}

/** The shared analysis of a project folder (the Project view's and Containerize's); undefined when there is none. */
export type AnalysisOf = (root: vscode.Uri) => Promise<ProjectAnalysis | undefined>;

/**
 * One project: a folder with a requirements.txt and every .py/.ipynb file beneath it, indexed once
 * and then kept current one saved file at a time. Which distribution an import needs, and which names
 * are the project's own, come from the shared project analysis.
 */
export class DriftProject {
  readonly index = new ImportIndex();
  readonly requirementsUri: vscode.Uri;
  private local = new LocalModules([]);
  private readyPromise?: Promise<void>;
  private listPromise?: Promise<vscode.Uri[]>;
  /** True once every file has been indexed. */
  indexed = false;

  constructor(
    readonly root: vscode.Uri,
    private readonly facts: (root: vscode.Uri) => Promise<InterpreterFacts>,
    private readonly analysis: AnalysisOf = async () => undefined,
  ) {
    this.requirementsUri = vscode.Uri.joinPath(root, 'requirements.txt');
  }

  rel(uri: vscode.Uri): string {
    return uri.path.slice(this.root.path.length + 1);
  }

  contains(uri: vscode.Uri): boolean {
    return uri.path.startsWith(`${this.root.path}/`);
  }

  /**
   * Lists the project's files (enough to tell local modules apart); cheap, done once. The CLI's
   * walker lists them, so the editor and `ds-containers scan` read the same files.
   */
  listed(): Promise<vscode.Uri[]> {
    const listing =
      this.listPromise ??
      walkProject(this.root.fsPath).then((walk) => {
        const rels = [...walk.python, ...walk.notebooks];
        this.local = new LocalModules(rels);
        return rels.map((rel) => vscode.Uri.joinPath(this.root, ...rel.split('/')));
      });
    this.listPromise = listing;
    return listing;
  }

  /** Indexes every file once (callers await it for unused hints and importer lists). */
  ready(): Promise<void> {
    this.readyPromise ??= (async () => {
      for (const f of await this.listed()) await this.update(f);
      this.indexed = true;
    })();
    return this.readyPromise;
  }

  /** Re-reads one file (on save); a deleted or unreadable file leaves the index. */
  async update(uri: vscode.Uri, text?: string): Promise<void> {
    const rel = this.rel(uri);
    const content = text ?? (await currentText(uri));
    if (content === undefined) return this.index.delete(rel);
    if (rel.endsWith('.ipynb')) {
      const nb = extractNotebook(content, { file: rel });
      this.index.set(
        rel,
        nb.imports.map((i) => ({
          module: i.module,
          line: i.line,
          cell: i.cell,
          class: i.class,
          isRelative: i.isRelative,
        })),
      );
    } else {
      this.index.set(rel, pythonImports(content, rel));
    }
  }

  /** A new or deleted file changes what counts as a local module. */
  filesChanged(): void {
    this.listPromise = undefined;
  }

  async env(): Promise<DriftEnv> {
    await this.listed();
    const local = this.local;
    const [facts, analysis] = await Promise.all([
      this.facts(this.root),
      this.analysis(this.root).catch(() => undefined), // no analysis: drift's own resolution
    ]);
    const env = driftEnv(facts, (top, file) => local.isLocal(top, file));
    return analysis ? { ...env, analysed: analysedNames(analysis) } : env;
  }

  /**
   * Normalised names the requirements file (and the files it includes with -r, inside the project) declares,
   * and the names excluded there or in the setting: the user's choice, not a missing requirement.
   */
  async declared(): Promise<Set<string>> {
    const keys = new Set<string>();
    await followIncludes('requirements.txt', (rel) => currentText(vscode.Uri.joinPath(this.root, ...rel.split('/'))), {
      file: (_f, text) => {
        for (const d of excludeDirectives(text)) keys.add(normalizeName(d.name));
      },
      line: (_f, l) => {
        if (l.key) keys.add(l.key);
      },
    });
    for (const n of excludedRequirements(this.requirementsUri)) keys.add(normalizeName(n));
    return keys;
  }
}

/** The projects of the workspace: every folder holding a requirements.txt. */
export class DriftProjects implements vscode.Disposable {
  private readonly projects = new Map<string, DriftProject>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/requirements.txt');
  private readonly sources = vscode.workspace.createFileSystemWatcher('**/*.{py,ipynb}', false, true, false);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly found: Promise<void>;

  constructor(
    private readonly facts: (root: vscode.Uri) => Promise<InterpreterFacts>,
    private readonly analysis?: AnalysisOf,
  ) {
    this.found = (async () => {
      for (const uri of await vscode.workspace.findFiles('**/requirements.txt', notProject())) this.add(uri);
    })();
    this.watcher.onDidCreate((uri) => {
      this.add(uri);
      this.changed.fire();
    });
    this.watcher.onDidDelete((uri) => {
      this.projects.delete(vscode.Uri.joinPath(uri, '..').toString());
      this.changed.fire();
    });
    const moved = async (uri: vscode.Uri, gone: boolean) => {
      const p = await this.for(uri);
      if (!p) return;
      if (gone) p.index.delete(p.rel(uri));
      p.filesChanged();
    };
    this.sources.onDidCreate((uri) => void moved(uri, false));
    this.sources.onDidDelete((uri) => void moved(uri, true));
  }

  private add(requirements: vscode.Uri): void {
    const root = vscode.Uri.joinPath(requirements, '..');
    if (!this.projects.has(root.toString()))
      this.projects.set(root.toString(), new DriftProject(root, this.facts, this.analysis));
  }

  /**
   * A requirements.txt beside or above the file that the watcher has not reported, found on disk: a file
   * watcher drops events while it restarts (a settings change does that), and a project must not stay unseen.
   */
  private discover(uri: vscode.Uri): void {
    const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath : undefined;
    const inside = folder ? path.relative(folder, uri.fsPath).split(path.sep) : [];
    if (!folder || inside.some((d) => NOT_PROJECT_DIRS.includes(d))) return;
    for (let dir = path.dirname(uri.fsPath); dir.startsWith(folder); dir = path.dirname(dir)) {
      if (this.projects.has(vscode.Uri.file(dir).toString())) return; // the deeper folders were checked on the way
      const requirements = path.join(dir, 'requirements.txt');
      if (fs.existsSync(requirements)) {
        this.add(vscode.Uri.file(requirements));
        return;
      }
      if (dir === folder) return;
    }
  }

  /** The nearest project containing the file, or undefined: drift is off outside projects. */
  async for(uri: vscode.Uri): Promise<DriftProject | undefined> {
    await this.found;
    this.discover(uri);
    let best: DriftProject | undefined;
    for (const p of this.projects.values())
      if (p.contains(uri) && (!best || p.root.path.length > best.root.path.length)) best = p;
    return best;
  }

  async byRequirements(uri: vscode.Uri): Promise<DriftProject | undefined> {
    await this.found;
    return [...this.projects.values()].find((p) => p.requirementsUri.toString() === uri.toString());
  }

  /** Tells the listeners to check again (the interpreter, hence the installed versions, changed). */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.watcher.dispose();
    this.sources.dispose();
    this.changed.dispose();
  }
}
