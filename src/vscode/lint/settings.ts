import * as vscode from 'vscode';
import { section } from '../platform/config';

/** `dsContainers.lint.enable`, read fresh. */
export function lintEnabled(): boolean {
  return section().get<boolean>('lint.enable', true);
}

/** `dsContainers.lint.rules`: per-code severity or 'off'. */
export function ruleSeverities(): Record<string, string> {
  const v = section().get<unknown>('lint.rules', {});
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}

/** The interpreter to ask for installed versions: the Python extension's setting, else python3. */
export function pythonCommand(): string {
  const configured = vscode.workspace.getConfiguration('python').get<string>('defaultInterpreterPath');
  return configured && configured !== 'python' ? configured : 'python3';
}
