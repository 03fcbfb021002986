import * as vscode from 'vscode';

/** The extension's one log channel; extension code never uses console.*. */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('Data Science Containers', { log: true });
}
