import { Services } from '../services';
import { InterpreterCache } from './interpreter';
import { registerDscLint } from './dockerfileLint';
import { DriftProjects } from './project';
import { registerRequirements } from './requirements';
import { registerDrift } from './drift';

/** Data-science lint in the editor: DSC rules in Dockerfiles, requirements.txt awareness, import drift. */
export function registerLint(s: Services): void {
  const interp = new InterpreterCache(s.log, s.python);
  registerDscLint(s, interp);
  const projects = new DriftProjects((root) => interp.facts(root));
  // Another interpreter (Python extension, setting, trust granted): other versions, so re-check.
  s.context.subscriptions.push(
    projects,
    s.python.onDidChange(() => {
      interp.reset();
      projects.refresh();
    }),
  );
  const requirements = registerRequirements(s, projects, interp);
  registerDrift(s, projects, (p) => requirements.refresh(p));
}
