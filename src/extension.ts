import * as vscode from 'vscode';
import { createLog } from './vscode/platform/log';
import { BaseServices, Services } from './vscode/services';
import { registerCommands } from './vscode/commands';
import { EngineProvider } from './vscode/platform/engine';
import { PythonInterpreters } from './vscode/platform/python';
import { registerDockerfileLanguage } from './vscode/language/dockerfile';
import { registerLint } from './vscode/lint';
import { registerExplorer } from './vscode/explorer';
import { BuildRunState } from './vscode/buildRun/state';
import { registerBuildRun } from './vscode/buildRun';
import { registerDevelop } from './vscode/develop';
import { registerRegistries } from './vscode/registries';
import { ProjectAnalyses } from './vscode/platform/analyses';
import { registerLock } from './vscode/lock';

/** The composition root: build the services, register everything, nothing else. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  const engine = new EngineProvider();
  context.subscriptions.push(engine);
  const buildRun = new BuildRunState();
  context.subscriptions.push(buildRun);
  const python = new PythonInterpreters(log);
  context.subscriptions.push(python);
  const analyses = new ProjectAnalyses(python);
  context.subscriptions.push(analyses);
  const base: BaseServices = { context, log, engine, buildRun, python, analyses };
  const services: Services = { ...base, explorer: registerExplorer(base), registries: registerRegistries(base) };
  registerCommands(services);
  registerDockerfileLanguage(services);
  registerLint(services);
  registerBuildRun(services);
  registerDevelop(services);
  registerLock(services);
}

export function deactivate(): void {}
