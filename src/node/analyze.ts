import type { ProjectAnalysis } from '../core/project';

export interface AnalyzeOptions {
  /** Python interpreter to probe for stdlib names, import→distribution map and versions (default `python3`); false: bundled data only. */
  python?: string | false;
  /** Leave every requirement unpinned (no version lookup). */
  noPin?: boolean;
  /** Called with progress as files are scanned (for long scans in the editor). */
  onProgress?: (scannedFiles: number) => void;
  signal?: AbortSignal;
}

/** Scans a project folder: imports, requirements, mode, entry, Python version. Never throws on bad files (they become warnings). */
export async function analyzeProject(root: string, opts: AnalyzeOptions = {}): Promise<ProjectAnalysis> {
  void opts;
  return {
    root, mode: 'script', pythonVersion: '3.11', requirements: [], unresolved: [], localModules: [],
    notebooks: [], existing: [], gpu: false, warnings: [],
  };
}
