import { promises as fs } from 'fs';
import * as path from 'path';
import { Engine } from './engine';
import { atMost } from './streams';
import { ImportSite } from '../../core/project';
import {
  checksOf,
  entryFailure,
  IMPORT_CHECK_PROGRAM,
  importCheckInput,
  ImportFailure,
  importFailures,
  parseEntryResult,
  parseImportResults,
} from '../../core/docker/importCheck';
import { scanPython } from '../../core/python/extract';

export interface ImportCheckResult {
  modules: string[];
  results: Record<string, string | null>;
  failures: ImportFailure[];
}

/**
 * Runs the image once with Python importing every runtime import the analysis found, the names each
 * `from M import N` takes, and `entry` (project-relative, see entryToImport) without its main (the
 * image's own user and working directory; the container removes itself). Throws when Python does not run.
 */
export async function checkImports(
  engine: Engine,
  tag: string,
  sites: ImportSite[],
  labels: Record<string, string> = {},
  entryDir?: string,
  entry?: string,
): Promise<ImportCheckResult> {
  const input = importCheckInput(sites, entry);
  const modules = [...checksOf(input), ...(entry ? [entry] : [])];
  if (!modules.length) return { modules, results: {}, failures: [] };
  let out = '';
  const decoder = new TextDecoder();
  const run = await engine.startRun(
    {
      image: tag,
      ports: [],
      autoRemove: true,
      labels,
      entrypoint: ['python', '-c', IMPORT_CHECK_PROGRAM, input, ...(entryDir !== undefined ? [entryDir] : [])],
      cmd: [],
    },
    (_s, d) => {
      out += decoder.decode(d, { stream: true });
    },
  );
  const code = await run.exit;
  await atMost(run.output, 2000);
  const results = parseImportResults(out);
  if (!results)
    throw new Error(
      `python did not run in ${tag} (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ') || 'no output'}`,
    );
  const failures = importFailures(sites, results);
  if (entry) {
    const r = parseEntryResult(out);
    // The program died inside the entry's top-level code (os._exit, a crash): its last words are the reason.
    const got = r ?? { error: `exit ${code}: ${out.trim().split('\n').slice(-1)[0] || 'no output'}`, line: null };
    const f = entryFailure(entry, got);
    // An import the entry makes that already failed above is said (and counted) once, at that import.
    const again =
      f && failures.some((x) => x.error === f.error || (x.site.file === entry && x.site.line === f.site.line));
    if (f && !again) failures.push(f);
    results[entry] = f && !again ? got.error : null;
  }
  return { modules, results, failures };
}

/**
 * The entry `check` imports as a module: one whose main block (`if __name__ == "__main__":`) keeps
 * its run out of an import, or a FastAPI app (importing it is what uvicorn does). A script whose work
 * is top-level code would run whole: it is left out, as are notebooks.
 */
export async function entryToImport(dir: string, a: { entry?: string; mode: string; framework?: string }) {
  if (a.mode === 'jupyter' || !a.entry || !a.entry.endsWith('.py')) return undefined;
  const text = await fs.readFile(path.join(dir, a.entry), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  return scanPython(text, { file: a.entry }).hasMainGuard || a.framework === 'fastapi' ? a.entry : undefined;
}

/**
 * The sites to check from an analysis: runtime requirements' sites, unresolved runtime imports, and the
 * entry's imports of the project's own modules (a root package imported from examples/x.py).
 */
export function runtimeSites(a: {
  requirements: { class: string; sites: ImportSite[] }[];
  unresolved: ImportSite[];
  entryImports?: ImportSite[];
}): ImportSite[] {
  return [
    ...a.requirements.filter((r) => r.class === 'runtime').flatMap((r) => r.sites),
    ...a.unresolved,
    ...(a.entryImports ?? []),
  ].filter((s) => s.class === 'runtime');
}

/** The entry's folder relative to the project ('' at the root), which `python ENTRY` puts first on the path. */
export function entryDirOf(a: { entry?: string; mode: string }): string | undefined {
  if (a.mode === 'jupyter' || !a.entry) return undefined;
  const e = a.entry.replace(/\\/g, '/');
  return e.includes('/') ? e.slice(0, e.lastIndexOf('/')) : '';
}
