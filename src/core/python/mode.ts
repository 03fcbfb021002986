import type { AppFramework, ProjectMode } from '../project';
import { isDevPath } from './classify';

/** What mode detection needs to know about one scanned file. */
export interface FileFacts {
  /** Project-relative path. */
  file: string;
  notebook: boolean;
  hasMainGuard: boolean;
  /** Statements at the top level that run (see {@link hasTopLevelCode}). */
  topLevelCode?: boolean;
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

// Statements at column 0 that do something when the file runs: a call, a loop, a with block.
const TOP_LEVEL_CODE =
  /^(?:[A-Za-z_][\w.]*\s*\(.*|(?:async\s+)?for\s+[\w, ()]+\s+in\s.*:\s*|while\s.*:\s*|(?:async\s+)?with\s.*:\s*)$/m;

/**
 * Whether a file without a main guard still does something when run (calls, loops at the top level),
 * as scripts do; a library module only defines functions and classes and would run as a silent no-op.
 */
export function hasTopLevelCode(source: string): boolean {
  return TOP_LEVEL_CODE.test(source);
}

/** Python files that a README, Makefile or Procfile runs (`python scripts/train.py`), project-relative. */
export function mentionedScripts(docs: string): string[] {
  const out = new Set<string>();
  for (const m of docs.matchAll(/\bpython[\d.]*(?:\s+-[a-zA-Z]+)*\s+(?:\.\/)?([\w./-]+\.py)\b/g)) out.add(m[1]);
  return [...out];
}

function baseName(file: string): string {
  return file
    .slice(file.lastIndexOf('/') + 1)
    .replace(/\.py$/, '')
    .toLowerCase();
}

function rank(file: string): [number, number, string] {
  const pref = PREFERRED.indexOf(baseName(file));
  return [pref < 0 ? PREFERRED.length : pref, file.split('/').length, file];
}

function byRank(a: string, b: string): number {
  const ra = rank(a),
    rb = rank(b);
  return ra[0] - rb[0] || ra[1] - rb[1] || (ra[2] < rb[2] ? -1 : ra[2] > rb[2] ? 1 : 0);
}

/** The analysed mode, with the entry's reasons and the other files that would run as well. */
export interface DetectedMode {
  mode: ProjectMode;
  framework?: AppFramework;
  entry?: string;
  entryWhy?: string;
  entryAlternatives?: string[];
}

/**
 * The project's mode: **app** when a non-test file builds a Streamlit/FastAPI/Flask/Gradio/Dash
 * app, else **jupyter** when there are notebooks, else **script** with the runnable file that the
 * docs run, else one with a main guard, else one with top-level code (preferring main/app/train/run
 * names and shallow paths). A library module (no guard, nothing at the top level) is never the entry.
 */
export function detectMode(files: FileFacts[], mentioned: readonly string[] = []): DetectedMode {
  const code = files.filter((f) => !f.notebook && !isDevPath(f.file));
  for (const fw of FRAMEWORK_ORDER) {
    const apps = code
      .filter((f) => f.apps.includes(fw))
      .map((f) => f.file)
      .sort(byRank);
    if (apps.length)
      return withAlternatives({ mode: 'app', framework: fw, entry: apps[0], entryWhy: `builds a ${fw} app` }, apps);
  }
  if (files.some((f) => f.notebook && !isDevPath(f.file))) return { mode: 'jupyter' };
  const runnable = code.filter((f) => f.hasMainGuard || f.topLevelCode || baseName(f.file) === '__main__');
  const docs = new Set(mentioned.map((m) => m.replace(/^\.\//, '')));
  const tiers: [FileFacts[], string][] = [
    [runnable.filter((f) => docs.has(f.file)), 'the README or Makefile runs it'],
    [runnable.filter((f) => f.hasMainGuard), 'has `if __name__ == "__main__":`'],
    [runnable, 'has top-level code to run'],
  ];
  for (const [tier, why] of tiers) {
    const sorted = tier.map((f) => f.file).sort(byRank);
    if (!sorted.length) continue;
    const entry = sorted[0];
    const named = rank(entry)[0] < PREFERRED.length ? `, named like an entry (${baseName(entry)})` : '';
    const top = entry.includes('/') ? '' : ', at the top level';
    return withAlternatives(
      { mode: 'script', entry, entryWhy: `${why}${named}${top}` },
      runnable.map((f) => f.file).sort(byRank),
    );
  }
  return { mode: 'script' };
}

function withAlternatives(m: DetectedMode, all: string[]): DetectedMode {
  const others = all.filter((f) => f !== m.entry);
  return others.length ? { ...m, entryAlternatives: others } : m;
}
