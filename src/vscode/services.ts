import * as vscode from 'vscode';
import { Log } from './platform/log';
import { EngineProvider } from './platform/engine';
import { PythonInterpreters } from './platform/python';
import type { Explorer } from './explorer/explorer';
import { BuildRunState } from './buildRun/state';
import type { RegistriesProvider } from './registries/tree';
import type { ProjectAnalyses } from './platform/analyses';

/** The services the views are made from (registerExplorer and registerRegistries take these). */
export interface BaseServices {
  context: vscode.ExtensionContext;
  log: Log;
  /** The Docker engine for the configured endpoint. */
  engine: EngineProvider;
  /** Last builds, running containers and build/import diagnostics (build and run). */
  buildRun: BuildRunState;
  /** Which Python interpreter to probe for a resource (the Python extension's, our setting, python3). */
  python: PythonInterpreters;
  /** One cached analysis per project folder: the Project view, Containerize and drift read the same one. */
  analyses: ProjectAnalyses;
}

/** What handlers and providers receive, built once in activate() and passed explicitly. */
export interface Services extends BaseServices {
  /** The Docker explorer's model and views. */
  explorer: Explorer;
  /** The Registries view's provider. */
  registries: RegistriesProvider;
}

/**
 * One command of the command table (commands.ts). It lives here, beside Services, so
 * that a feature's command file imports only this module and the table imports the features.
 */
export interface CommandSpec {
  /** `dsContainers.<area>.<verb>`; must match package.json `contributes.commands` unless `kind` says otherwise. */
  id: string;
  /** Title used in error messages. */
  title: string;
  /** Builds, runs or otherwise executes project code: refused in an untrusted workspace. */
  needsTrust?: boolean;
  /**
   * `internal`: not contributed (code actions and tree clicks call it); `test`: registered only
   * when the editor suite drives the extension (ExtensionMode.Test), a hook for its assertions.
   */
  kind?: 'internal' | 'test';
  handler: (s: Services, ...args: any[]) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any
}
