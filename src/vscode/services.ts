import * as vscode from 'vscode';
import { Log } from './platform/log';
import { EngineProvider } from './platform/engine';
import type { Explorer } from './views/explorer';
import { BuildRunState } from './build/state';
import { PythonInterpreters } from './platform/python';

/** What handlers and providers receive, built once in activate() and passed explicitly. */
export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  /** The Docker engine for the configured endpoint. */
  engines: EngineProvider;
  /** The Docker explorer's model and views (set by registerExplorer before the commands run). */
  explorer?: Explorer;
  /** Last builds, running containers and build/import diagnostics (build and run). */
  buildRun: BuildRunState;
  /** Which Python interpreter to probe for a resource (the Python extension's, our setting, python3). */
  python: PythonInterpreters;
}
