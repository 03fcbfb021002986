import { Engine } from './engine';
import { atMost } from './streams';
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
  entryDir?: string,
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
      entrypoint: [
        'python',
        '-c',
        IMPORT_CHECK_PROGRAM,
        JSON.stringify(modules),
        ...(entryDir !== undefined ? [entryDir] : []),
      ],
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
  return { modules, results, failures: importFailures(sites, results) };
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
