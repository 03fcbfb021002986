// The requirements corpus (bench/corpus/*.txt, see its README): lays each project out under bench/.work/corpus
// and scores scan's runtime install lines against the distributions its authors declared.
import fs from 'node:fs';
import path from 'node:path';
import { analyzeProject } from '../src/node/analyze';
import { normalizeName } from '../src/core/requirements/names';
import { equivalentDistributions } from '../src/core/python/data/distributions';
import { runtimeTools } from '../src/core/generate/spec';
import { defaultBaseImage } from '../src/core/generate/images';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = path.join(ROOT, 'bench/corpus');
const WORK = path.join(ROOT, 'bench/.work/corpus');
// A list of every distribution name on the public index, where the machine has one (one name per line, first
// column of a TSV). Used only to tell whether an install line could install; absent: that figure is skipped.
export const INDEX_NAMES = process.env.DSC_INDEX_NAMES ?? '/work/.library/env/packages/pypi.tsv';
// Jupyter's meta-packages: one declares `jupyter`, another `notebook`, we install `jupyterlab`; all run the notebooks.
const JUPYTER = new Set(['jupyter', 'notebook', 'jupyterlab']);

interface Fixture {
  name: string;
  declared: string[];
  files: Map<string, string>;
}

export interface CorpusScore {
  projects: number;
  precision: number;
  recall: number;
  /** Install lines naming a distribution the index does not have; undefined when no name list was found. */
  notOnIndex?: string[];
  misses: string[];
  extras: string[];
}

function parseFixture(name: string, text: string): Fixture {
  const declared = /^# declared:(.*)$/m.exec(text)?.[1].trim().split(/\s+/) ?? [];
  const files = new Map<string, string>();
  let current: string | undefined;
  let body: string[] = [];
  const flush = (): void => {
    if (current) files.set(current, body.join('\n') + '\n');
  };
  for (const line of text.split('\n')) {
    const m = /^=== (.+)$/.exec(line);
    if (m) {
      flush();
      current = m[1].trim();
      body = [];
    } else if (current) body.push(line);
  }
  flush();
  return { name, declared, files };
}

/** `# %%`-separated cells → nbformat 4 JSON. */
function notebookJson(text: string): string {
  const cells: {
    cell_type: string;
    source: string[];
    metadata: object;
    outputs?: unknown[];
    execution_count?: null;
  }[] = [];
  for (const chunk of text.split(/^# %%/m).slice(1)) {
    const markdown = chunk.startsWith(' [markdown]');
    const lines = chunk.split('\n').slice(1);
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    const source = lines.map((l, k) => (markdown ? l.replace(/^# ?/, '') : l) + (k < lines.length - 1 ? '\n' : ''));
    cells.push(
      markdown
        ? { cell_type: 'markdown', metadata: {}, source }
        : { cell_type: 'code', metadata: {}, source, outputs: [], execution_count: null },
    );
  }
  const metadata = { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } };
  return JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells }, null, 1);
}

function layOut(f: Fixture): string {
  const dir = path.join(WORK, f.name);
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, text] of f.files) {
    const abs = path.join(dir, file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, file.endsWith('.ipynb') ? notebookJson(text) : text);
  }
  return dir;
}

export function canonical(name: string): string {
  const key = normalizeName(name.replace(/\[.*\]$/, ''));
  return JUPYTER.has(key) ? 'jupyter' : equivalentDistributions(key)[0];
}

export function indexNames(): Set<string> | undefined {
  if (!fs.existsSync(INDEX_NAMES)) return undefined;
  const names = new Set<string>();
  for (const line of fs.readFileSync(INDEX_NAMES, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    names.add(normalizeName(tab < 0 ? line : line.slice(0, tab)));
  }
  return names;
}

/** Scans every corpus project (bundled data only: no interpreter, no index) and scores its install lines. */
export async function scoreCorpus(): Promise<CorpusScore> {
  const fixtures = fs
    .readdirSync(SOURCE)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => parseFixture(f.replace(/\.txt$/, ''), fs.readFileSync(path.join(SOURCE, f), 'utf8')));
  const index = indexNames();
  let tp = 0,
    fp = 0,
    fn = 0;
  const misses: string[] = [],
    extras: string[] = [],
    notOnIndex: string[] = [];
  for (const f of fixtures) {
    const a = await analyzeProject(layOut(f), { python: false, noPin: true, offline: true });
    const lines = a.requirements.filter((r) => r.class === 'runtime' && !r.unavailable).map((r) => r.name);
    lines.push(...runtimeTools(a.mode, a.framework, defaultBaseImage(a.pythonVersion)));
    const got = new Set(lines.map(canonical));
    const want = new Set(f.declared.map(canonical));
    for (const g of got)
      if (want.has(g)) tp++;
      else {
        fp++;
        extras.push(`${f.name}:${g}`);
      }
    for (const w of want)
      if (!got.has(w)) {
        fn++;
        misses.push(`${f.name}:${w}`);
      }
    if (index)
      for (const l of lines) if (!index.has(normalizeName(l.replace(/\[.*\]$/, '')))) notOnIndex.push(`${f.name}:${l}`);
  }
  return {
    projects: fixtures.length,
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    notOnIndex: index && notOnIndex,
    misses,
    extras,
  };
}
