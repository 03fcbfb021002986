// The import graph of src/, read from the sources (every `import … from`, `export … from`,
// `import(…)` and `require(…)` of a relative path, type-only imports included: a circle of types
// tangles the files just the same). See docs/architecture.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.resolve(__dirname, '../../../src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** The source file a relative specifier names (x.ts or x/index.ts), or undefined for a package. */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm;

/** Each src/ file (relative to src/) → the src/ files it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of files(SRC)) {
    const text = fs.readFileSync(f, 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(f, m[1])).filter((t): t is string => !!t);
    graph.set(path.relative(SRC, f), [...new Set(targets.map((t) => path.relative(SRC, t)))]);
  }
  return graph;
}

/** The circles of the graph: strongly connected components with more than one file (Tarjan). */
export function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

test('the walker finds a circle when there is one (a, b import each other; c imports a)', () => {
  const g = new Map([
    ['a', ['b']],
    ['b', ['a']],
    ['c', ['a']],
  ]);
  assert.deepEqual(circles(g), [['a', 'b']]);
  assert.deepEqual(
    circles(
      new Map([
        ['a', ['b']],
        ['b', []],
      ]),
    ),
    [],
  );
});

test('no import circles between the files of src/', () => {
  const found = circles(importGraph());
  assert.deepEqual(found, [], `circles:\n${found.map((c) => `  ${c.join(' ↔ ')}`).join('\n')}`);
});

// Landed ahead of the feature that will use them (other work in progress): tolerated, and listed so
// that the list cannot go stale: once a file here is reachable, the test asks to remove it.
const NOT_YET_WIRED: string[] = [];

test('every src/ file is reachable from extension.ts or cli/main.ts', () => {
  const graph = importGraph();
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const t of graph.get(f) ?? []) walk(t);
  };
  ['extension.ts', path.join('cli', 'main.ts')].forEach(walk);
  const orphans = [...graph.keys()].filter((f) => !seen.has(f) && !NOT_YET_WIRED.includes(f));
  assert.deepEqual(orphans, [], `not reachable from extension.ts or cli/main.ts: ${orphans.join(', ')}`);
  const wired = NOT_YET_WIRED.filter((f) => seen.has(f) || !graph.has(f));
  assert.deepEqual(wired, [], 'reachable now (or gone): remove from NOT_YET_WIRED');
});

/**
 * The feature folders of src/vscode/ that import each other directly, both ways: each pair once,
 * with one import each way. A file right under src/vscode/ (services.ts, commands.ts) is no feature.
 */
export function mutualFolders(graph: Map<string, string[]>, root = 'vscode'): string[] {
  const folder = (f: string): string | undefined => {
    const parts = f.split(path.sep);
    return parts[0] === root && parts.length > 2 ? parts[1] : undefined;
  };
  const one = new Map<string, string>(); // "a→b" → one import that makes it
  for (const [f, targets] of graph) {
    const a = folder(f);
    for (const t of targets) {
      const b = folder(t);
      if (a && b && a !== b && !one.has(`${a}→${b}`)) one.set(`${a}→${b}`, `${f} → ${t}`);
    }
  }
  const out: string[] = [];
  for (const [key, why] of one) {
    const [a, b] = key.split('→');
    const back = one.get(`${b}→${a}`);
    if (a < b && back) out.push(`${a} ↔ ${b} (${why}; ${back})`);
  }
  return out.sort();
}

test('mutual feature folders are found (lock and buildRun both ways; platform only one way)', () => {
  const j = (...p: string[]) => path.join('vscode', ...p);
  const g = new Map([
    [j('lock', 'a.ts'), [j('buildRun', 'b.ts'), j('platform', 'p.ts')]],
    [j('buildRun', 'b.ts'), [j('lock', 'c.ts'), j('platform', 'p.ts'), 'vscode/services.ts']],
    [j('lock', 'c.ts'), [j('lock', 'a.ts')]],
    [j('platform', 'p.ts'), []],
    [path.join('vscode', 'services.ts'), [j('lock', 'a.ts'), j('buildRun', 'b.ts')]],
  ]);
  assert.equal(mutualFolders(g).length, 1);
  assert.match(mutualFolders(g)[0], /^buildRun ↔ lock /);
  g.set(j('buildRun', 'b.ts'), [j('platform', 'p.ts')]);
  assert.deepEqual(mutualFolders(g), []);
});

test('no two feature folders of src/vscode/ import each other (shared pieces live in platform/)', () => {
  const found = mutualFolders(importGraph());
  assert.deepEqual(found, [], `folders importing each other:\n${found.map((p) => `  ${p}`).join('\n')}`);
});
