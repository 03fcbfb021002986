import * as vscode from 'vscode';
import { Log } from './platform/log';

/** What handlers and providers receive, built once in activate() and passed explicitly. */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
}
