import * as vscode from 'vscode';
import { constrainingLock } from '../../core/drift/lockConstraint';

/** Files whose creation, change or removal can change which lock constrains a requirements.txt beside them. */
export const LOCK_WATCH_GLOB =
  '**/{requirements.lock,uv.lock,poetry.lock,Pipfile.lock,pylock*.toml,conda-lock.yml,Dockerfile}';

/** The lock that constrains the build of the requirements file at `uri` (read from its folder), if any. */
export async function lockConstraining(uri: vscode.Uri): Promise<string | undefined> {
  const dir = vscode.Uri.joinPath(uri, '..');
  const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch(() => []);
  const files = entries.filter(([, t]) => t & vscode.FileType.File).map(([n]) => n);
  const dockerfile = files.includes('Dockerfile') ? await textOf(vscode.Uri.joinPath(dir, 'Dockerfile')) : undefined;
  return constrainingLock({ files, dockerfile, requirements: await textOf(uri) });
}

/** The open editor's text, unsaved edits included (the lint follows what the user sees), else the file's. */
async function textOf(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  return Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
    (b) => new TextDecoder().decode(b),
    () => undefined,
  );
}
