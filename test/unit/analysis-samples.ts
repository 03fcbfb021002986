import { ImportClass, ProjectAnalysis, Requirement } from '../../src/core/project';

/** A hand-built analysis, for testing generators and scaffold without the scanner. */
export function analysis(over: Partial<ProjectAnalysis> = {}): ProjectAnalysis {
  return {
    root: '/p',
    mode: 'script',
    entry: 'train.py',
    pythonVersion: '3.11',
    requirements: [],
    unresolved: [],
    localModules: [],
    notebooks: [],
    existing: [],
    gpu: false,
    warnings: [],
    ...over,
  };
}

export function req(name: string, version?: string, cls: ImportClass = 'runtime'): Requirement {
  return { name, ...(version ? { version } : {}), verified: true, class: cls, imports: [name], sites: [] };
}

/** Records what a command prints (see cli-io.ts). */
export { captureIo as recordingIo } from './cli-io';
