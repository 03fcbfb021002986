import { AppFramework, BaseImageFacts, ProjectAnalysis, ProjectMode, ProjectSpec } from '../project';
import { normalizeName } from '../requirements/names';
import { firstEvidence } from '../python/availability';
import { aptPackages, systemPackagesFor } from './system-packages';
import { defaultBaseImage, isJupyterImage } from './images';
import { defaultTag } from '../docker/tag';
import { leanChoices } from './lean';
import { LOCK_FILE } from '../projectFiles';
import { launchOfSpec } from './launch';
import { entryProgram } from '../python/launch';

export interface SpecOptions {
  /** 'auto' (or absent) takes the analysed mode. */
  mode?: ProjectMode | 'auto';
  baseImage?: string;
  pythonVersion?: string;
  gpu?: boolean;
  entry?: string;
  pipCacheMount?: boolean;
  versionSource?: string;
  ignoreFolders?: string[];
  /** What the base image has, from asking it; absent when it could not be asked. */
  baseImageFacts?: BaseImageFacts;
  /** Distributions never to write (with the analysis' `# dsc: exclude` directives and the setting). */
  exclude?: string[];
  /** The entry's arguments (default: the launch the project documents, for the entry it documents). */
  args?: string[];
}

import { SpecError, validateSpec } from './validate';

export { SpecError } from './validate';

/**
 * Tools the container runs although no code imports them: JupyterLab when the base image does not
 * ship it, uvicorn to serve FastAPI, snakemake for a Snakefile, and never one the base image already has. They go to
 * requirements.txt (pinned like the rest) rather than a bare `RUN pip install`, which would be unpinned.
 * What the image has comes from asking it (`facts`, node/docker/imageProbe); only an image that could
 * not be asked (not on this machine) is judged by its name.
 */
export function runtimeTools(
  mode: ProjectMode,
  framework: AppFramework | undefined,
  baseImage: string,
  facts?: BaseImageFacts,
  entry?: string,
): string[] {
  const has = new Set(facts?.distributions ?? []);
  if (mode === 'script' && entry && entryProgram(entry) === 'snakemake' && !has.has('snakemake')) return ['snakemake'];
  if (mode === 'jupyter' && !(facts ? facts.jupyter : isJupyterImage(baseImage))) return ['jupyterlab'];
  if (mode === 'app' && framework === 'fastapi' && !has.has('uvicorn')) return ['uvicorn'];
  return [];
}

/** A declared range (`>=1.7.1`, `==1.*`) rides along: pins chosen later must satisfy it, and no pin writes it. */
function withSpecifier(
  out: { name: string; version?: string; specifier?: string },
  r: ProjectAnalysis['requirements'][number],
) {
  const sp = r.declaredSpec?.specifier;
  if (sp && !/^==[^,*]+$/.test(sp)) out.specifier = sp;
  return out;
}

/** True when the project has any Python code: a script or module, or a notebook. */
export const hasCode = (a: Pick<ProjectAnalysis, 'localModules' | 'notebooks'>) =>
  a.localModules.length > 0 || a.notebooks.length > 0;

/** The generators' input from a scan plus the user's choices (CLI flags or the preview's fields). */
export function specFromAnalysis(analysis: ProjectAnalysis, options: SpecOptions = {}): ProjectSpec {
  const mode = !options.mode || options.mode === 'auto' ? analysis.mode : options.mode;
  const pythonVersion = options.pythonVersion ?? analysis.pythonVersion;
  if (!/^\d+\.\d+$/.test(pythonVersion))
    throw new SpecError(`Python version must look like 3.11, not "${pythonVersion}"`);
  const entry = options.entry ?? analysis.entry;
  const framework = mode === 'app' ? analysis.framework : undefined;
  if (mode === 'app' && !framework)
    throw new SpecError(
      'no app framework (Streamlit, FastAPI, Flask, Gradio, Dash) was found; choose another mode',
      'mode',
    );
  if (mode !== 'jupyter' && !entry) {
    if (mode !== 'script')
      throw new SpecError(`no entry file was found for ${mode} mode; choose the file to run`, 'entry');
    throw hasCode(analysis)
      ? new SpecError(
          'no runnable entry: no file has `if __name__ == "__main__":` or top-level code to run ' +
            '(library modules only). Choose the file to run, ' +
            'or explore the project in JupyterLab (a terminal there is a shell)',
          'entry-or-jupyter',
        )
      : new SpecError('no Python scripts or notebooks here yet: add one, or start from an empty JupyterLab', 'jupyter');
  }
  const baseImage = options.baseImage?.trim() || undefined;
  const notInstallable = analysis.requirements
    .filter((r) => r.class === 'runtime' && r.unavailable)
    .map((r) => ({ name: r.name, where: firstEvidence(r), reason: r.unavailable! }));
  const requirements: ProjectSpec['requirements'] = analysis.requirements
    .filter((r) => r.class === 'runtime' && !r.unavailable)
    .map((r) => withSpecifier(r.version ? { name: r.name, version: r.version } : { name: r.name }, r));
  const have = new Set(requirements.map((r) => normalizeName(r.name)));
  const jupyterMeta = have.has('jupyter') || have.has('jupyterlab');
  for (const tool of runtimeTools(
    mode,
    framework,
    baseImage ?? defaultBaseImage(pythonVersion),
    options.baseImageFacts,
    entry,
  )) {
    if (!have.has(tool) && !(tool === 'jupyterlab' && jupyterMeta)) requirements.push({ name: tool });
  }
  // Excluded by the user (flag, setting, `# dsc: exclude` in requirements.txt): never written, tools included.
  const excluded = new Set([...(analysis.excluded ?? []), ...(options.exclude ?? [])].map(normalizeName));
  const kept = requirements.filter((r) => !excluded.has(normalizeName(r.name)));
  requirements.splice(0, requirements.length, ...kept);
  requirements.sort((a, b) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1));
  const spec: ProjectSpec = {
    mode,
    pythonVersion,
    gpu: options.gpu ?? analysis.gpu,
    requirements,
    hasEnvFile: analysis.existing.includes('.env'),
  };
  leanChoices(spec, analysis);
  if (!spec.hasEnvFile && analysis.existing.includes('.env.example')) spec.envFileExpected = true;
  if (framework) spec.framework = framework;
  if (entry && mode !== 'jupyter') {
    spec.entry = entry;
    launchOfSpec(spec, analysis, options.args);
  }
  if (baseImage) spec.baseImage = baseImage;
  const apt = aptPackages(systemPackagesFor(requirements.map((r) => r.name)));
  if (apt.length) spec.systemPackages = apt;
  if (options.ignoreFolders?.length) spec.ignoreFolders = options.ignoreFolders;
  if (options.pipCacheMount) spec.pipCacheMount = true;
  if (notInstallable.length) spec.notInstallable = notInstallable;
  if (options.versionSource) spec.versionSource = options.versionSource;
  if (options.baseImageFacts) spec.baseImageFacts = options.baseImageFacts;
  if (analysis.importRoots?.length) spec.importRoots = [...analysis.importRoots];
  if (analysis.installable)
    spec.install = { ...analysis.installable, buildRequires: [...analysis.installable.buildRequires] };
  if (analysis.existing.includes(LOCK_FILE)) spec.locked = true;
  if (analysis.pipInputs) spec.pipInputs = { files: [...analysis.pipInputs.files], vcs: analysis.pipInputs.vcs };
  spec.tag = defaultTag(analysis.root.split(/[\\/]/).filter(Boolean).pop() ?? '');
  validateSpec(spec);
  return spec;
}
