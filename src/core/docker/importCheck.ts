import { ImportSite } from '../project';
import { Finding } from '../findings';

/**
 * The Python program that imports each module in the image and prints one JSON line of
 * {module: error or null}. Modules travel as a JSON argument, never spliced into the code.
 */
export const IMPORT_CHECK_PROGRAM = [
  'import importlib, json, os, sys',
  // The entry's folder first on the path, as `python examples/x.py` has it (`python -c` has the working dir).
  'if len(sys.argv) > 2: sys.path[0] = os.path.join(os.getcwd(), sys.argv[2])',
  'res = {}',
  'for m in json.loads(sys.argv[1]):',
  '    try:',
  '        importlib.import_module(m); res[m] = None',
  '    except BaseException as e:',
  '        res[m] = type(e).__name__ + ": " + str(e)',
  'print("DSC-IMPORTS " + json.dumps(res))',
].join('\n');

/** The modules to import: every runtime import site's module, once, sorted. */
export function modulesToCheck(sites: readonly ImportSite[]): string[] {
  return [...new Set(sites.filter((s) => s.class === 'runtime').map((s) => s.module))].sort();
}

/** Parses the program's output; undefined when the marker line is missing (python failed to start). */
export function parseImportResults(output: string): Record<string, string | null> | undefined {
  const line = output.split(/\r?\n/).find((l) => l.startsWith('DSC-IMPORTS '));
  return line ? JSON.parse(line.slice('DSC-IMPORTS '.length)) : undefined;
}

/** One failed import, at each place the project imports it. */
export interface ImportFailure {
  site: ImportSite;
  error: string;
  finding: Finding;
}

export function importFailures(sites: readonly ImportSite[], results: Record<string, string | null>): ImportFailure[] {
  const out: ImportFailure[] = [];
  for (const site of sites) {
    const error = results[site.module];
    if (site.class !== 'runtime' || !error) continue;
    out.push({
      site,
      error,
      finding: {
        line: site.line - 1,
        col: 0,
        endLine: site.line - 1,
        endCol: 1000,
        severity: 'error',
        code: 'DSC-IMPORT',
        message: `"${site.module}" does not import in the image: ${error}`,
        source: 'ds-containers',
      },
    });
  }
  return out;
}
