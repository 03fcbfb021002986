import * as vscode from 'vscode';
import { composeBuilding } from './composeBuilds';
import { isDockerfileName } from '../../core/projectFiles';

/** Build · Run · Check (· Compose Up) at the top of each Dockerfile on disk. */
export class DockerfileCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (doc.uri.scheme !== 'file' || !isDockerfileName(doc.fileName) || !vscode.workspace.isTrusted) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lens = (title: string, command: string, tooltip: string, args: unknown[] = [doc.uri]) =>
      new vscode.CodeLens(top, { title, command, tooltip, arguments: args });
    const out = [
      lens('$(tools) Build', 'dsContainers.project.build', 'Build the image from this Dockerfile'),
      lens('$(play) Run', 'dsContainers.project.run', 'Run the image built from this Dockerfile'),
      lens(
        '$(checklist) Check',
        'dsContainers.project.checkImports',
        "Import every one of the project's imports in the built image",
      ),
    ];
    const compose = composeBuilding(doc.fileName);
    if (compose)
      out.push(
        lens('$(layers) Compose Up', 'dsContainers.compose.up', 'docker compose up --build -d', [
          vscode.Uri.file(compose),
        ]),
      );
    return out;
  }
}
