// The lock's differences as diagnostics: each package whose version in the image differs from
// requirements.lock is an error at its lock line (after Check Image Imports), and each requirements.txt
// pin the lock contradicts a warning there. Cleared when fixed: the next check, a save of the lock
// (compared again against the cached probe), or a new lock.
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { compareWithLock, LockError } from '../../node/lock';
import { readIfExists } from '../../node/files';
import { LOCK_FILE } from '../../core/projectFiles';
import { requirementsAgainstLock } from '../../core/environment/lockState';
import type { LockDifference } from '../../core/environment/lockfile';
import { BuildTarget } from '../platform/target';

const SOURCE = 'ds-containers lock';

function lineDiagnostic(line: number, message: string, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const d = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), message, severity);
  d.source = SOURCE;
  d.code = 'lock-drift';
  return d;
}

/**
 * Compares the image t.tag with t.dir's requirements.lock and shows each difference; no lock: clears.
 * Resolves to the differences (undefined: no lock).
 */
export async function showLockDifferences(
  s: Services,
  t: BuildTarget,
  o: { quiet?: boolean } = {},
): Promise<LockDifference[] | undefined> {
  const lockUri = vscode.Uri.file(path.join(t.dir, LOCK_FILE));
  const reqsUri = vscode.Uri.file(path.join(t.dir, 'requirements.txt'));
  let diffs: LockDifference[] | undefined;
  try {
    diffs = await compareWithLock(s.engine.get(), t.dir, t.tag);
  } catch (e) {
    if (!(e instanceof LockError)) throw e;
    diffs = [{ line: e.line ?? 1, message: e.message }];
  }
  const collection = s.buildRun.lockDiagnostics;
  if (!diffs) {
    collection.delete(lockUri);
    collection.delete(reqsUri);
    return undefined;
  }
  collection.set(
    lockUri,
    diffs.map((d) => lineDiagnostic(Math.max(0, d.line - 1), d.message, vscode.DiagnosticSeverity.Error)),
  );
  const lockText = await readIfExists(lockUri.fsPath);
  const reqsText = await readIfExists(reqsUri.fsPath);
  const reqs = lockText && reqsText ? requirementsAgainstLock(reqsText, lockText) : [];
  collection.set(
    reqsUri,
    reqs.map((r) => lineDiagnostic(r.line, r.message, vscode.DiagnosticSeverity.Warning)),
  );
  for (const d of diffs) s.log.warn(`${lockUri.fsPath}:${d.line}: ${d.message}`);
  if (!o.quiet) {
    if (diffs.length)
      void vscode.window.showWarningMessage(
        `${diffs.length} difference${diffs.length === 1 ? '' : 's'} between ${t.tag} and ${LOCK_FILE}: ` +
          'see the Problems panel.',
      );
    else s.log.info(`${t.tag} matches ${LOCK_FILE}`);
  }
  return diffs;
}

/** Forgets the lock diagnostics of a project (a new lock describes its image). */
export function clearLockDifferences(s: Services, dir: string): void {
  s.buildRun.lockDiagnostics.delete(vscode.Uri.file(path.join(dir, LOCK_FILE)));
  s.buildRun.lockDiagnostics.delete(vscode.Uri.file(path.join(dir, 'requirements.txt')));
}
