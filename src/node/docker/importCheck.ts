import { Engine } from './engine';
import { ImportSite } from '../../core/project';
import {
  IMPORT_CHECK_PROGRAM,
  ImportFailure,
  importFailures,
  modulesToCheck,
  parseImportResults,
} from '../../core/docker/importCheck';

export interface ImportCheckResult {
  modules: string[];
  results: Record<string, string | null>;
  failures: ImportFailure[];
}

/**
 * Runs the image once with Python importing every runtime import the analysis found (the image's
 * own user and working directory; the container removes itself). Throws when Python does not run.
 */
export async function checkImports(
  engine: Engine,
  tag: string,
  sites: ImportSite[],
  labels: Record<string, string> = {},
): Promise<ImportCheckResult> {
  const modules = modulesToCheck(sites);
  if (!modules.length) return { modules, results: {}, failures: [] };
  let out = '';
  const decoder = new TextDecoder();
  const run = await engine.startRun(
    {
      image: tag,
      ports: [],
      autoRemove: true,
      labels,
      entrypoint: ['python', '-c', IMPORT_CHECK_PROGRAM, JSON.stringify(modules)],
      cmd: [],
    },
    (_s, d) => {
      out += decoder.decode(d, { stream: true });
    },
  );
  const code = await run.exit;
  await Promise.race([run.output, new Promise((r) => setTimeout(r, 2000))]);
  const results = parseImportResults(out);
  if (!results)
    throw new Error(
      `python did not run in ${tag} (exit ${code}): ${out.trim().split('\n').slice(-3).join(' | ') || 'no output'}`,
    );
  return { modules, results, failures: importFailures(sites, results) };
}

/** The sites to check from an analysis: runtime requirements' sites and unresolved runtime imports. */
export function runtimeSites(a: {
  requirements: { class: string; sites: ImportSite[] }[];
  unresolved: ImportSite[];
}): ImportSite[] {
  return [...a.requirements.filter((r) => r.class === 'runtime').flatMap((r) => r.sites), ...a.unresolved].filter(
    (s) => s.class === 'runtime',
  );
}
