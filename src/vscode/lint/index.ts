import * as vscode from 'vscode';
import { Services } from '../services';
import { InterpreterCache } from './interpreter';
import { registerDscLint } from './dockerfileLint';
import { DriftProjects } from './project';
import { registerRequirements } from './requirements';
import { registerDrift } from './drift';

/** Data-science lint in the editor: DSC rules in Dockerfiles, requirements.txt awareness, import drift. */
export function registerLint(s: Services): void {
  const interp = new InterpreterCache(s.log);
  s.context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => interp.reset()));
  registerDscLint(s, interp);
  const projects = new DriftProjects(() => interp.facts());
  s.context.subscriptions.push(projects);
  const requirements = registerRequirements(s, projects, interp);
  registerDrift(s, projects, (p) => requirements.refresh(p));
}
