import type { AppFramework, ProjectMode } from '../project';
import { isDevPath } from './classify';

/** What mode detection needs to know about one scanned file. */
export interface FileFacts {
  /** Project-relative path. */
  file: string;
  notebook: boolean;
  hasMainGuard: boolean;
  /** Frameworks this file imports and builds an app with (see {@link appFrameworks}). */
  apps: AppFramework[];
}

// Dash runs on Flask and Gradio on FastAPI: the more specific framework comes first.
const FRAMEWORK_ORDER: AppFramework[] = ['streamlit', 'gradio', 'dash', 'fastapi', 'flask'];

const APP_HINTS: Record<AppFramework, RegExp> = {
  streamlit: /^/, // a script that imports streamlit is a Streamlit app
  gradio: /\b(?:Interface|Blocks|ChatInterface|TabbedInterface)\s*\(|\.launch\s*\(/,
  dash: /\bDash\s*\(/,
  fastapi: /\bFastAPI\s*\(/,
  flask: /\bFlask\s*\(/,
};

/** Frameworks whose app a source builds, given the top-level modules it imports at runtime. */
export function appFrameworks(source: string, importedTops: Iterable<string>): AppFramework[] {
  const tops = new Set(importedTops);
  return FRAMEWORK_ORDER.filter((f) => tops.has(f) && APP_HINTS[f].test(source));
}

const PREFERRED = ['main', 'app', 'train', 'run', '__main__', 'streamlit_app', 'server', 'api', 'dashboard', 'serve'];

function rank(file: string): [number, number, string] {
  const base = file
    .slice(file.lastIndexOf('/') + 1)
    .replace(/\.py$/, '')
    .toLowerCase();
  const pref = PREFERRED.indexOf(base);
  return [pref < 0 ? PREFERRED.length : pref, file.split('/').length, file];
}

function best(files: string[]): string | undefined {
  return [...files].sort((a, b) => {
    const ra = rank(a),
      rb = rank(b);
    return ra[0] - rb[0] || ra[1] - rb[1] || (ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0);
  })[0];
}

/**
 * The project's mode: **app** when a non-test file builds a Streamlit/FastAPI/Flask/Gradio/Dash
 * app, else **jupyter** when there are notebooks, else **script** with the `__main__`-guarded
 * file (preferring main/app/train/run names), or the best-named top-level file.
 */
export function detectMode(files: FileFacts[]): { mode: ProjectMode; framework?: AppFramework; entry?: string } {
  const code = files.filter((f) => !f.notebook && !isDevPath(f.file));
  for (const fw of FRAMEWORK_ORDER) {
    const entry = best(code.filter((f) => f.apps.includes(fw)).map((f) => f.file));
    if (entry) return { mode: 'app', framework: fw, entry };
  }
  if (files.some((f) => f.notebook && !isDevPath(f.file))) return { mode: 'jupyter' };
  const guarded = best(code.filter((f) => f.hasMainGuard).map((f) => f.file));
  if (guarded) return { mode: 'script', entry: guarded };
  const named = code.filter((f) => rank(f.file)[0] < PREFERRED.length || !f.file.includes('/'));
  return { mode: 'script', entry: best(named.map((f) => f.file)) };
}
