import * as vscode from 'vscode';
import type { BaseServices } from '../services';

/**
 * True when the editor suite drives the extension host: it starts it with an extensionTestsPath,
 * which makes the mode Test. Never true for an installed extension (Production) or F5 (Development).
 */
export function inTestMode(s: BaseServices): boolean {
  return s.context.extensionMode === vscode.ExtensionMode.Test;
}

/**
 * A modal dialog's answer preset by the editor suite, its only way past a modal. Ignored outside
 * the Test mode: a user, or another extension calling our command, always gets the dialog.
 */
export function presetAnswer<T>(s: BaseServices, answer: T | undefined): T | undefined {
  return inTestMode(s) ? answer : undefined;
}
