import { CliIo } from '../../src/cli/io';
import { ImportClass, ProjectAnalysis, Requirement } from '../../src/core/project';

/** A hand-built analysis, for testing generators and scaffold without the scanner. */
export function analysis(over: Partial<ProjectAnalysis> = {}): ProjectAnalysis {
  return {
    root: '/p', mode: 'script', entry: 'train.py', pythonVersion: '3.11', requirements: [], unresolved: [],
    localModules: [], notebooks: [], existing: [], gpu: false, warnings: [], ...over,
  };
}

export function req(name: string, version?: string, cls: ImportClass = 'runtime'): Requirement {
  return { name, ...(version ? { version } : {}), verified: true, class: cls, imports: [name], sites: [] };
}

/** A CliIo that records what a command prints. */
export function recordingIo(cwd: string): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), cwd, env: {}, signal: new AbortController().signal };
}
