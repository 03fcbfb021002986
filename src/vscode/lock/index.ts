import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { LOCK_FILE } from '../../core/projectFiles';
import { showLockDifferences } from './diagnostics';
import { targetOf } from '../platform/target';
import { offerLockAfterBuild } from './lockEnvironment';

/** "Lock Environment" above requirements.txt (trusted workspaces: it may build). */
class RequirementsLockLens implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (doc.uri.scheme !== 'file' || !vscode.workspace.isTrusted) return [];
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title: '$(lock) Lock Environment',
        command: 'dsContainers.project.lock',
        tooltip: `Write ${LOCK_FILE}: every version installed in the image built from the Dockerfile beside this file`,
        arguments: [doc.uri],
      }),
    ];
  }
}

/** The CodeLens, and lock diagnostics that follow the user's fixes: a saved lock is compared again. */
export function registerLock(s: Services): void {
  s.context.subscriptions.push(
    // Build Image and Containerize ask for the offer; buildRun/ does not import lock/ for it.
    s.buildRun.onDidBuild((e) => e.offer && e.target && e.outcome && offerLockAfterBuild(s, e.target, e.outcome)),
    vscode.languages.registerCodeLensProvider(
      { scheme: 'file', pattern: '**/requirements.txt' },
      new RequirementsLockLens(),
    ),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      // Only after a check showed differences: the probe is cached per image, so this starts no container.
      if (path.basename(doc.fileName) !== LOCK_FILE || !s.buildRun.lockDiagnostics.has(doc.uri)) return;
      const t = targetOf(path.join(path.dirname(doc.fileName), 'Dockerfile'));
      showLockDifferences(s, t, { quiet: true }).catch((e: Error) => s.log.warn(`lock check: ${e.message}`));
    }),
  );
}
