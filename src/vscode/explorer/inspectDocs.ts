import * as vscode from 'vscode';
import { EngineProvider } from '../platform/engine';

export const INSPECT_SCHEME = 'dsc-inspect';

/** dsc-inspect:/container/NAME.json?ID: the engine's inspect JSON as a read-only document. */
export function inspectUri(kind: 'container' | 'image', id: string, name: string): vscode.Uri {
  const safe = name.replace(/[^\w.-]+/g, '_') || id.slice(0, 12);
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${safe}.json`, query: id });
}

/** Serves inspect documents fresh from the engine; refresh(uri) re-reads an open one. */
export class InspectDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly engine: EngineProvider) {}

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const kind = uri.path.split('/')[1] === 'image' ? 'image' : 'container';
    return this.engine.get().inspect(kind, uri.query);
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** Opens (or re-reads) the inspect JSON of a container or an image; resolves to its URI. */
  async show(kind: 'container' | 'image', id: string, name: string): Promise<string> {
    const uri = inspectUri(kind, id, name);
    this.refresh(uri);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri.toString();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
