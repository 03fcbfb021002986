import { AppFramework, ProjectAnalysis, ProjectMode, ProjectSpec } from '../project';
import { normalizeName } from '../requirements/names';
import { aptPackages, systemPackagesFor } from './system-packages';
import { defaultBaseImage, isJupyterImage } from './images';
import { defaultTag } from '../docker/tag';

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
}

import { SpecError, validateSpec } from './validate';

export { SpecError } from './validate';

/**
 * Tools the container runs although no code imports them: JupyterLab when the base image does not
 * ship it, uvicorn to serve FastAPI. They go to requirements.txt (pinned only when a version is known)
 * rather than a bare `RUN pip install`, which would be unpinned.
 */
export function runtimeTools(mode: ProjectMode, framework: AppFramework | undefined, baseImage: string): string[] {
  if (mode === 'jupyter' && !isJupyterImage(baseImage)) return ['jupyterlab'];
  if (mode === 'app' && framework === 'fastapi') return ['uvicorn'];
  return [];
}

/** The generators' input from a scan plus the user's choices (CLI flags or the preview's fields). */
export function specFromAnalysis(analysis: ProjectAnalysis, options: SpecOptions = {}): ProjectSpec {
  const mode = !options.mode || options.mode === 'auto' ? analysis.mode : options.mode;
  const pythonVersion = options.pythonVersion ?? analysis.pythonVersion;
  if (!/^\d+\.\d+$/.test(pythonVersion))
    throw new SpecError(`Python version must look like 3.11, not "${pythonVersion}"`);
  const entry = options.entry ?? analysis.entry;
  const framework = mode === 'app' ? analysis.framework : undefined;
  if (mode === 'app' && !framework)
    throw new SpecError('no app framework (Streamlit, FastAPI, Flask, Gradio, Dash) was found; choose another --mode');
  if (mode !== 'jupyter' && !entry)
    throw new SpecError(`no entry file was found for ${mode} mode; name one with --entry FILE`);
  const baseImage = options.baseImage?.trim() || undefined;
  const requirements = analysis.requirements
    .filter((r) => r.class === 'runtime')
    .map((r) => (r.version ? { name: r.name, version: r.version } : { name: r.name }));
  const have = new Set(requirements.map((r) => normalizeName(r.name)));
  const jupyterMeta = have.has('jupyter') || have.has('jupyterlab');
  for (const tool of runtimeTools(mode, framework, baseImage ?? defaultBaseImage(pythonVersion))) {
    if (!have.has(tool) && !(tool === 'jupyterlab' && jupyterMeta)) requirements.push({ name: tool });
  }
  requirements.sort((a, b) => (normalizeName(a.name) < normalizeName(b.name) ? -1 : 1));
  const spec: ProjectSpec = {
    mode,
    pythonVersion,
    gpu: options.gpu ?? analysis.gpu,
    requirements,
    hasEnvFile: analysis.existing.includes('.env'),
  };
  if (framework) spec.framework = framework;
  if (entry && mode !== 'jupyter') spec.entry = entry;
  if (baseImage) spec.baseImage = baseImage;
  const apt = aptPackages(systemPackagesFor(requirements.map((r) => r.name)));
  if (apt.length) spec.systemPackages = apt;
  if (options.ignoreFolders?.length) spec.ignoreFolders = options.ignoreFolders;
  if (options.pipCacheMount) spec.pipCacheMount = true;
  if (options.versionSource) spec.versionSource = options.versionSource;
  spec.tag = defaultTag(analysis.root.split(/[\\/]/).filter(Boolean).pop() ?? '');
  validateSpec(spec);
  return spec;
}
