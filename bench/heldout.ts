// The held-out requirements benchmark (bench/heldout/README.md): scan's runtime install lines and pipreqs'
// output on the same laid-out projects, each scored against the distributions the authors declared.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyzeProject } from '../src/node/analyze';
import { normalizeName } from '../src/core/requirements/names';
import { runtimeTools } from '../src/core/generate/spec';
import { defaultBaseImage } from '../src/core/generate/images';
import { canonical, indexNames, INDEX_NAMES } from './corpus';
import { layOutProject, readProjects } from './heldout/layout';

const ROOT = path.resolve(__dirname, '../..');
const PIPREQS_SRC = process.env.PIPREQS_SRC ?? '/var/cache/ds-containers/pipreqs';
const PIPREQS_WRAPPER = path.join(ROOT, 'bench/heldout/pipreqs-offline.py');

export interface ToolScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  perProject: Map<string, number>;
  notOnIndex: string[];
  ownModules: string[];
  misses: string[];
  extras: string[];
}

export interface HeldOutScore {
  projects: number;
  skipped: string[];
  scan: ToolScore;
  /** Undefined when pipreqs' source is not on this machine (see `pipreqsAbsent`). */
  pipreqs?: ToolScore;
  pipreqsAbsent?: string;
}

function empty(): ToolScore {
  return {
    tp: 0,
    fp: 0,
    fn: 0,
    precision: 0,
    recall: 0,
    f1: 0,
    perProject: new Map(),
    notOnIndex: [],
    ownModules: [],
    misses: [],
    extras: [],
  };
}

/** Names of the project's own modules: every .py file's stem and every folder that holds .py files. */
function ownModules(dir: string): Set<string> {
  const names = new Set<string>();
  const walk = (d: string): boolean => {
    let hasPy = false;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) {
        if (walk(path.join(d, e.name))) names.add(normalizeName(e.name));
      } else if (e.name.endsWith('.py')) {
        hasPy = true;
        names.add(normalizeName(e.name.slice(0, -3)));
      }
    }
    return hasPy;
  };
  walk(dir);
  return names;
}

function score(
  t: ToolScore,
  name: string,
  lines: string[],
  declared: string[],
  own: Set<string>,
  index?: Set<string>,
): void {
  const got = new Set(lines.map(canonical));
  const want = new Set(declared.map(canonical));
  let tp = 0,
    fp = 0,
    fn = 0;
  for (const g of got)
    if (want.has(g)) tp++;
    else {
      fp++;
      t.extras.push(`${name}:${g}`);
    }
  for (const w of want)
    if (!got.has(w)) {
      fn++;
      t.misses.push(`${name}:${w}`);
    }
  t.tp += tp;
  t.fp += fp;
  t.fn += fn;
  t.perProject.set(name, tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
  for (const l of lines) {
    const key = normalizeName(l.replace(/\[.*\]$/, ''));
    if (index && !index.has(key)) t.notOnIndex.push(`${name}:${l}`);
    if (own.has(key) && !want.has(canonical(l))) t.ownModules.push(`${name}:${l}`);
  }
}

function finish(t: ToolScore): ToolScore {
  t.precision = t.tp / (t.tp + t.fp);
  t.recall = t.tp / (t.tp + t.fn);
  t.f1 = (2 * t.tp) / (2 * t.tp + t.fp + t.fn);
  return t;
}

function pipreqsAbsent(): string | undefined {
  if (!fs.existsSync(path.join(PIPREQS_SRC, 'bndr+pipreqs/pipreqs/pipreqs.py')))
    return `pipreqs not compared: its source is not under ${PIPREQS_SRC} (set PIPREQS_SRC; see bench/heldout/README.md)`;
  if (!fs.existsSync(INDEX_NAMES)) return `pipreqs not compared: no index name list at ${INDEX_NAMES}`;
  return undefined;
}

export function runPipreqs(dir: string): string[] {
  const r = spawnSync('python3', [PIPREQS_WRAPPER, dir, INDEX_NAMES], {
    encoding: 'utf8',
    env: { ...process.env, PIPREQS_SRC },
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`pipreqs on ${dir}: ${r.stderr.trim().split('\n').pop()}`);
  return r.stdout.split('\n').filter(Boolean);
}

export async function scoreHeldOut(): Promise<HeldOutScore> {
  const index = indexNames();
  const absent = pipreqsAbsent();
  const scan = empty(),
    pipreqs = empty();
  const skipped: string[] = [];
  let projects = 0;
  for (const p of readProjects()) {
    const laid = layOutProject(p);
    if (!laid.dir) {
      skipped.push(`${p.name} (${laid.error})`);
      continue;
    }
    projects++;
    const own = ownModules(laid.dir);
    const a = await analyzeProject(laid.dir, { python: false, noPin: true, offline: true });
    const lines = a.requirements.filter((r) => r.class === 'runtime' && !r.unavailable).map((r) => r.name);
    lines.push(...runtimeTools(a.mode, a.framework, defaultBaseImage(a.pythonVersion)));
    score(scan, p.name, lines, p.declared, own, index);
    if (!absent) score(pipreqs, p.name, runPipreqs(laid.dir), p.declared, own, index);
  }
  return {
    projects,
    skipped,
    scan: finish(scan),
    pipreqs: absent ? undefined : finish(pipreqs),
    pipreqsAbsent: absent,
  };
}
