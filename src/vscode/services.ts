import * as vscode from 'vscode';
import { Log } from './platform/log';
import { EngineProvider } from './platform/engine';
import { BuildRunState } from './build/state';

/** What handlers and providers receive, built once in activate() and passed explicitly. */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  /** The Docker engine for the configured endpoint. */
  engines: EngineProvider;
  /** Last builds, running containers and build/import diagnostics (build and run). */
  buildRun: BuildRunState;
}
