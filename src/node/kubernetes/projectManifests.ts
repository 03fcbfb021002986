// A project's Kubernetes manifests from its folder: the one path the CLI's `k8s` and the editor's
// "Run on Kubernetes…" share (analysis as scaffold does it, then the pure generator).
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseEnvFile } from '../../core/docker/envFile';
import { ProjectMode, ProjectSpec } from '../../core/project';
import { specFromAnalysis } from '../../core/generate';
import { generateKubernetes, KubeManifests, KubeOptions, kubeName, renderKubernetes } from '../../core/kubernetes';
import { analyzeProject } from '../analyze';
import { appRoutes } from '../../core/kubernetes/readiness';

export interface ProjectKubeRequest extends Omit<KubeOptions, 'name' | 'jupyterToken'> {
  dir: string;
  mode: ProjectMode | 'auto';
  gpu: boolean;
  /** Object name; the folder's name made a valid Kubernetes name when absent. */
  name?: string;
  signal?: AbortSignal;
}

export interface ProjectKube {
  /** Multi-document YAML, ready for `kubectl apply -f -`. */
  text: string;
  workload: KubeManifests['workload'];
  warnings: string[];
  spec: ProjectSpec;
  options: KubeOptions;
}

/**
 * Analyzes the folder and renders its manifests. A Jupyter project gets a fresh random token (it goes
 * into a Secret only). Throws SpecError or KubeOptionsError, each one line naming the bad value.
 */
export async function projectManifests(req: ProjectKubeRequest): Promise<ProjectKube> {
  const { dir, mode, gpu, signal, name, ...rest } = req;
  const analysis = await analyzeProject(dir, { python: false, noPin: true, signal });
  const spec = specFromAnalysis(analysis, { mode, gpu: gpu || undefined });
  const envText = await readFile(path.join(dir, '.env'), 'utf8').catch(() => undefined);
  const parsedEnv = envText === undefined ? undefined : parseEnvFile(envText);
  // A Flask app's routes: the readiness probe must ask one that answers 2xx (`/` may be a 404).
  const entryText =
    spec.framework === 'flask' && spec.entry
      ? await readFile(path.join(dir, spec.entry), 'utf8').catch(() => undefined)
      : undefined;
  const options: KubeOptions = {
    ...rest,
    ...(entryText !== undefined ? { routes: appRoutes(entryText) } : {}),
    ...(parsedEnv?.vars.length ? { env: parsedEnv.vars } : {}),
    name: name ?? kubeName(path.basename(dir)),
    jupyterToken: spec.mode === 'jupyter' ? randomBytes(24).toString('hex') : undefined,
  };
  const m = generateKubernetes(spec, options);
  const envProblems = (parsedEnv?.problems ?? []).map((p) => `.env:${p.line}: ${p.message} (left out)`);
  const warnings = [...m.warnings, ...envProblems];
  return { text: renderKubernetes(m, spec, options), workload: m.workload, warnings, spec, options };
}
