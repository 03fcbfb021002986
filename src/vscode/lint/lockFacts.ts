// The lock beside a Dockerfile, as the Dockerfile lint sees it (DSC003's digest, DSC019), and one
// watcher on requirements.lock files for everything that shows the lock's state.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { lockLintFacts } from '../../core/environment/dockerfileLock';
import { LintFacts } from '../../core/dockerfile/rules';
import { LOCK_FILE } from '../../core/projectFiles';

/** requirements.lock beside `uri` (a small file, read on each lint pass: the lint is debounced). */
export function lockFactsBeside(uri: vscode.Uri): LintFacts['lock'] {
  if (uri.scheme !== 'file') return undefined;
  try {
    return lockLintFacts(fs.readFileSync(path.join(path.dirname(uri.fsPath), LOCK_FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Calls fn with the lock's Uri when a requirements.lock is created, changed or deleted on disk. */
export function onLockFileChange(fn: (uri: vscode.Uri) => void): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${LOCK_FILE}`);
  return vscode.Disposable.from(watcher, watcher.onDidCreate(fn), watcher.onDidChange(fn), watcher.onDidDelete(fn));
}
