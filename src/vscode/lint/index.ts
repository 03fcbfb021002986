import { Services } from '../services';
import { InterpreterCache } from './interpreter';
import { registerDscLint } from './dockerfileLint';
import { DockerfileDiagnostics } from './dockerfileSyntax';
import { DriftProjects } from './project';
import { registerRequirements } from './requirements';
import { registerDrift } from './drift';

/** Data-science lint in the editor: DSC rules in Dockerfiles, requirements.txt awareness, import drift. */
export function registerLint(s: Services): void {
  // Dockerfile syntax problems (unless a peer extension shows them), then the data-science rules.
  s.context.subscriptions.push(new DockerfileDiagnostics());
  const interp = new InterpreterCache(s.log, s.python);
  registerDscLint(s, interp);
  // Drift names what the shared project analysis names (the Project view and Containerize read the same one).
  const projects = new DriftProjects(
    (root) => interp.facts(root),
    // Never waits for a whole scan: its own resolution meanwhile, the analysis's once done (onDidAnalyse).
    (root) => s.analyses.current(root.fsPath),
  );
  // Another interpreter (Python extension, setting, trust granted): other versions, so re-check.
  s.context.subscriptions.push(
    projects,
    s.python.onDidChange(() => {
      interp.reset();
      projects.refresh();
    }),
    // A file the analysis read changed (a notebook's %%file cell, a declaration…): its names may differ now.
    s.analyses.onDidChange(() => projects.refresh()),
    s.analyses.onDidAnalyse(() => projects.refresh()),
  );
  const requirements = registerRequirements(s, projects, interp);
  registerDrift(s, projects, (p) => requirements.refresh(p));
}
