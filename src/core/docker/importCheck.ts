import { ImportSite } from '../project';
import { Finding } from '../findings';

/**
 * The Python program that imports each module in the image, then each name a `from M import N` takes
 * from it (as Python does: the attribute, else the submodule M.N), then the entry module itself under
 * another name than "__main__" (its top-level code runs, its main block does not). It prints one JSON
 * line of {check: error or null}, then one of the entry's error and line. Everything travels as a JSON
 * argument, never spliced into the code.
 */
export const IMPORT_CHECK_PROGRAM = [
  'import importlib, json, os, runpy, sys, traceback',
  'spec = json.loads(sys.argv[1])',
  // The entry's folder first on the path, as `python examples/x.py` has it (`python -c` has the working dir).
  'if len(sys.argv) > 2: sys.path[0] = os.path.join(os.getcwd(), sys.argv[2])',
  'def why(e): return type(e).__name__ + ": " + str(e)',
  'res = {}',
  'for m in spec["modules"]:',
  '    try:',
  '        mod = importlib.import_module(m); res[m] = None',
  '    except BaseException as e:',
  '        res[m] = why(e); continue',
  '    for n in spec.get("names", {}).get(m, []):',
  '        key = m + ":" + n; res[key] = None',
  '        try:',
  '            if hasattr(mod, n): continue',
  '        except BaseException as e:',
  '            res[key] = why(e); continue',
  '        try:',
  '            importlib.import_module(m + "." + n)',
  '        except ModuleNotFoundError as e:',
  '            res[key] = why(e) if e.name != m + "." + n else ' +
    '"ImportError: cannot import name " + repr(n) + " from " + repr(m)',
  '        except BaseException as e:',
  '            res[key] = why(e)',
  'print("DSC-IMPORTS " + json.dumps(res), flush=True)',
  'entry = spec.get("entry")',
  'if entry:',
  '    path = os.path.abspath(entry); out = {"error": None, "line": None}',
  '    try:',
  '        runpy.run_path(path, run_name="__dsc_check__")',
  '    except SystemExit as e:',
  '        if e.code not in (None, 0): out["error"] = "SystemExit: " + str(e.code)',
  '    except BaseException as e:',
  '        out["error"] = why(e)',
  '        here = [f.lineno for f in traceback.extract_tb(e.__traceback__) if os.path.abspath(f.filename) == path]',
  '        if isinstance(e, SyntaxError) and e.filename and os.path.abspath(e.filename) == path: here.append(e.lineno)',
  '        out["line"] = here[-1] if here else None',
  '    print("DSC-ENTRY " + json.dumps(out), flush=True)',
].join('\n');

/** The program's argument: modules, the names imported from each, the entry to import (project-relative). */
export function importCheckInput(sites: readonly ImportSite[], entry?: string): string {
  const modules = modulesToCheck(sites);
  const names: Record<string, string[]> = {};
  for (const s of sites)
    if (s.class === 'runtime' && s.names?.length)
      names[s.module] = [...new Set([...(names[s.module] ?? []), ...s.names.filter((n) => n !== '*')])].sort();
  return JSON.stringify({ modules, names, ...(entry ? { entry } : {}) });
}

/** Every check the input asks for, as its result key: modules, then `M:N` names. */
export function checksOf(input: string): string[] {
  const spec = JSON.parse(input) as { modules: string[]; names: Record<string, string[]> };
  return [...spec.modules, ...Object.entries(spec.names).flatMap(([m, ns]) => ns.map((n) => `${m}:${n}`))];
}

/** The modules to import: every runtime import site's module, once, sorted. */
export function modulesToCheck(sites: readonly ImportSite[]): string[] {
  return [...new Set(sites.filter((s) => s.class === 'runtime').map((s) => s.module))].sort();
}

/** Parses the program's output; undefined when the marker line is missing (python failed to start). */
export function parseImportResults(output: string): Record<string, string | null> | undefined {
  const line = output.split(/\r?\n/).find((l) => l.startsWith('DSC-IMPORTS '));
  return line ? JSON.parse(line.slice('DSC-IMPORTS '.length)) : undefined;
}

/**
 * The entry's import result: undefined when it was not asked or the program died before saying (then
 * `died` is the reason); error null when it imported.
 */
export function parseEntryResult(output: string): { error: string | null; line: number | null } | undefined {
  const line = output.split(/\r?\n/).find((l) => l.startsWith('DSC-ENTRY '));
  return line ? JSON.parse(line.slice('DSC-ENTRY '.length)) : undefined;
}

/** One failed import, at each place the project imports it. */
export interface ImportFailure {
  site: ImportSite;
  error: string;
  finding: Finding;
}

function failure(site: ImportSite, error: string, message: string): ImportFailure {
  // One line: NumPy's and scikit-learn's removal messages run on for paragraphs.
  const first = message.split(/\r?\n/)[0];
  message = first.length > 300 ? `${first.slice(0, 297)}...` : first;
  return {
    site,
    error,
    finding: {
      line: site.line - 1,
      col: 0,
      endLine: site.line - 1,
      endCol: 1000,
      severity: 'error',
      code: 'DSC-IMPORT',
      message,
      source: 'ds-containers',
    },
  };
}

/**
 * Each failure once per place (a site can reach the list twice: through two requirements that share an
 * import, or as the entry's own import): a failed module, else each name it does not give.
 */
export function importFailures(sites: readonly ImportSite[], results: Record<string, string | null>): ImportFailure[] {
  const out: ImportFailure[] = [];
  const seen = new Set<string>();
  const add = (f: ImportFailure) => {
    const key = `${f.site.file}|${f.site.cell ?? ''}|${f.site.line}|${f.finding.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(f);
  };
  for (const site of sites) {
    if (site.class !== 'runtime') continue;
    const error = results[site.module];
    if (error) {
      add(failure(site, error, `"${site.module}" does not import in the image: ${error}`));
      continue;
    }
    for (const n of site.names ?? []) {
      const e = results[`${site.module}:${n}`];
      if (e) add(failure(site, e, `"from ${site.module} import ${n}" fails in the image: ${e}`));
    }
  }
  return out;
}

/** The entry's own import failure, at its line (the first line when the traceback does not reach it). */
export function entryFailure(
  entry: string,
  r: { error: string | null; line: number | null },
): ImportFailure | undefined {
  if (!r.error) return undefined;
  const site: ImportSite = { module: entry, file: entry, line: r.line ?? 1, class: 'runtime' };
  return failure(site, r.error, `importing the entry ${entry} (without running its main) fails: ${r.error}`);
}
