// Scan benchmark: a synthetic project of ~10,000 .py files and 400 notebooks (~150 MB), cached
// under bench/.work. Prints the scan time next to the time it takes merely to read the same bytes
// (goal: at most 10x), the scan's peak RSS measured in a child process (goal: under 300 MB), and
// precision/recall of the runtime requirements over the fixture projects.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyzeProject } from '../src/node/analyze';
import { normalizeName } from '../src/core/requirements/names';
import { scanPython } from '../src/core/python/extract';
import { decodeSource } from '../src/core/python/decode';
import { scoreCorpus } from './corpus';
import { scoreHeldOut, type ToolScore } from './heldout';

const ROOT = path.resolve(__dirname, '../..');
const TREE = path.join(ROOT, 'bench/.work/scan-tree-v3');
const BIG_TREE = path.join(ROOT, 'bench/.work/big-notebooks-v1');
const PY_FILES = 10_000;
const NOTEBOOKS = 400;

// Deterministic pseudo-random numbers (mulberry32), so the tree is the same on every machine.
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const THIRD = [
  'numpy',
  'pandas',
  'scipy.stats',
  'sklearn.linear_model',
  'matplotlib.pyplot',
  'requests',
  'yaml',
  'torch',
  'PIL.Image',
  'tqdm',
];
const STD = ['os', 'sys', 'json', 're', 'collections', 'itertools', 'functools', 'pathlib', 'typing', 'dataclasses'];

function pyFile(r: () => number, i: number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const out: string[] = [`"""Module ${i}: synthetic code.\n\nimport not_a_real_import  (inside a docstring)\n"""`];
  for (let k = 0; k < 4; k++) out.push(`import ${pick(STD)}`);
  for (let k = 0; k < 3; k++) out.push(`from ${pick(THIRD)} import thing${k} as t${k}`);
  out.push(`from .sibling${i % 7} import helper  # relative`);
  out.push('try:\n    import ujson as json_fast\nexcept ImportError:\n    json_fast = None');
  out.push('if TYPE_CHECKING:\n    from pandas import DataFrame');
  const functions = 16 + Math.floor(r() * 20);
  for (let f = 0; f < functions; f++) {
    out.push(
      `\n\ndef function_${f}(x, y=${f}, *args, **kwargs):\n    """Compute something; 'import inside' a docstring is ignored."""\n` +
        `    values = [x * ${f}, y + ${f}, "${'s'.repeat(10 + f)}"]\n    text = f"{x!r} and {y:>10} # not a comment"\n` +
        `    for v in values:\n        if isinstance(v, int) and v > ${f}:\n            x += v  # a comment with import fake\n` +
        `    data = {\n        'a': [1, 2, 3],\n        'b': (4, 5,\n              6),\n    }\n    return x, data, text`,
    );
  }
  if (r() < 0.3) out.push(`\nTABLE = [${Array.from({ length: 200 }, (_, k) => (k * 7919) % 1000).join(', ')}]`);
  if (r() < 0.2) out.push('\n\nif __name__ == "__main__":\n    function_0(1)');
  return out.join('\n') + '\n';
}

function notebook(r: () => number, i: number): string {
  const cells: unknown[] = [
    { cell_type: 'markdown', metadata: {}, source: [`# Notebook ${i}\n`, 'import nothing_here\n'] },
  ];
  const image = 'iVBORw0KGgo'.repeat(9000); // a base64 PNG-like output of ~100 KB
  for (let c = 0; c < 12; c++) {
    const src = [
      c === 0 ? '%pip install -q seaborn\n' : '%matplotlib inline\n',
      `import ${THIRD[Math.floor(r() * THIRD.length)]}\n`,
      `x${c} = [i ** 2 for i in range(${c * 10})]\n`,
      `print("cell ${c}: import fake")\n`,
    ];
    cells.push({
      cell_type: 'code',
      execution_count: c,
      metadata: {},
      source: src,
      outputs:
        c === 6
          ? [{ output_type: 'display_data', data: { 'image/png': image, 'text/plain': ['<Figure>'] }, metadata: {} }]
          : [],
    });
  }
  return JSON.stringify(
    { nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', language: 'python' } }, cells },
    null,
    1,
  );
}

function buildTree(): { files: number; bytes: number } {
  const marker = path.join(TREE, 'complete.json');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8'));
  fs.rmSync(TREE, { recursive: true, force: true });
  const r = rng(42);
  let bytes = 0;
  for (let i = 0; i < PY_FILES; i++) {
    const dir = path.join(TREE, `pkg${i % 50}`, `sub${i % 13}`);
    fs.mkdirSync(dir, { recursive: true });
    const text = pyFile(r, i);
    fs.writeFileSync(path.join(dir, `module_${i}.py`), text);
    bytes += Buffer.byteLength(text);
  }
  fs.mkdirSync(path.join(TREE, 'notebooks'), { recursive: true });
  for (let i = 0; i < NOTEBOOKS; i++) {
    const text = notebook(r, i);
    fs.writeFileSync(path.join(TREE, 'notebooks', `analysis_${i}.ipynb`), text);
    bytes += Buffer.byteLength(text);
  }
  const info = { files: PY_FILES + NOTEBOOKS, bytes };
  fs.writeFileSync(marker, JSON.stringify(info));
  return info;
}

// Four notebooks of ~60 MB of image outputs each: memory must not grow with notebook size.
function buildBigNotebooks(): number {
  const marker = path.join(BIG_TREE, 'complete.json');
  if (fs.existsSync(marker)) return JSON.parse(fs.readFileSync(marker, 'utf8')).bytes;
  fs.mkdirSync(BIG_TREE, { recursive: true });
  const image = 'iVBORw0KGgo'.repeat(550_000); // ~6 MB per output
  let bytes = 0;
  for (let i = 0; i < 4; i++) {
    const cells = Array.from({ length: 10 }, (_, c) => ({
      cell_type: 'code',
      metadata: {},
      execution_count: c,
      source: [`import numpy as np  # cell ${c}\n`],
      outputs: [{ output_type: 'display_data', metadata: {}, data: { 'image/png': image } }],
    }));
    const text = JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', language: 'python' } },
      cells,
    });
    fs.writeFileSync(path.join(BIG_TREE, `plots_${i}.ipynb`), text);
    bytes += text.length;
  }
  fs.writeFileSync(marker, JSON.stringify({ bytes }));
  return bytes;
}

// Runs in a child so that its peak RSS is the scan's own: `node scan.bench.js --child MODE`.
async function child(mode: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  let detail = '';
  if (mode === 'read') {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(py|ipynb)$/.test(e.name)) files.push(p);
      }
    };
    walk(TREE);
    let bytes = 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const b = await fs.promises.readFile(files[next++]);
        bytes += b.length;
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    detail = `${files.length} files, ${bytes} bytes`;
  } else {
    const a = await analyzeProject(mode === 'big' ? BIG_TREE : TREE, { python: false, noPin: true });
    detail = `${a.requirements.length} requirements, ${a.warnings.length} warnings`;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, detail }));
}

function runChild(mode: string): { ms: number; maxRssKb: number; detail: string } {
  const r = spawnSync(process.execPath, [__filename, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function precisionRecall(python: string | false): Promise<{ p: number; r: number; misses: string[] }> {
  const dir = path.join(ROOT, 'test/fixtures/projects');
  let tp = 0,
    fp = 0,
    fn = 0;
  const misses: string[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const exp = path.join(dir, name, 'expected.json');
    if (!fs.existsSync(exp) || name === 'hostile') continue; // hostile needs files made at test time
    const want = new Set<string>((JSON.parse(fs.readFileSync(exp, 'utf8')).runtime as string[]).map(normalizeName));
    const a = await analyzeProject(path.join(dir, name), { python, noPin: true });
    const got = new Set(a.requirements.filter((q) => q.class === 'runtime').map((q) => normalizeName(q.name)));
    for (const g of got)
      if (want.has(g)) tp++;
      else {
        fp++;
        misses.push(`${name}: extra ${g}`);
      }
    for (const w of want)
      if (!got.has(w)) {
        fn++;
        misses.push(`${name}: missing ${w}`);
      }
  }
  return { p: tp / (tp + fp), r: tp / (tp + fn), misses };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const prf = (t: { precision: number; recall: number; f1?: number }): string =>
  `P ${pct(t.precision)} R ${pct(t.recall)}${t.f1 === undefined ? '' : ` F1 ${t.f1.toFixed(3)}`}`;

// The corpora alone (quick, while working on the scanner): DSC_BENCH_CORPUS_ONLY=1 npm run bench -- scan
async function printCorpus(): Promise<void> {
  const c = await scoreCorpus();
  const f1 = (2 * c.precision * c.recall) / (c.precision + c.recall);
  console.log(
    `corpus of ${c.projects} real-project images (bench/corpus), runtime install lines vs declared: ${prf({ ...c, f1 })} (goal: recall >= 80%)`,
  );
  console.log(
    `  install lines no index has: ${c.notOnIndex ? `${c.notOnIndex.length}${c.notOnIndex.length ? ` (${c.notOnIndex.join(', ')})` : ''}` : 'not checked (no index name list on this machine)'} (goal: 0)`,
  );
  console.log(`  missed: ${c.misses.join(' ')}`);
  console.log(`  extra:  ${c.extras.join(' ')}`);
  const h = await scoreHeldOut();
  console.log(
    `held-out set of ${h.projects} real projects (bench/heldout)${h.skipped.length ? `, skipped: ${h.skipped.join('; ')}` : ''}:`,
  );
  const row = (label: string, t: ToolScore): void => {
    console.log(
      `  ${label} ${prf(t)}; lines no index has: ${t.notOnIndex.length}${t.notOnIndex.length ? ` (${t.notOnIndex.join(' ')})` : ''}; lines for a project module: ${t.ownModules.length}${t.ownModules.length ? ` (${t.ownModules.join(' ')})` : ''}`,
    );
  };
  row('scan:   ', h.scan);
  if (!h.pipreqs) console.log(`  ${h.pipreqsAbsent}`);
  else {
    row('pipreqs:', h.pipreqs);
    let win = 0,
      lose = 0,
      tie = 0;
    for (const [name, f] of h.scan.perProject) {
      const g = h.pipreqs.perProject.get(name) ?? 0;
      if (Math.abs(f - g) < 1e-9) tie++;
      else if (f > g) win++;
      else lose++;
    }
    console.log(
      `  scan vs pipreqs per project (F1): won ${win}, lost ${lose}, tied ${tie}; F1 gap ${(h.scan.f1 - h.pipreqs.f1).toFixed(3)} (goal >= 0.10, recall not lower, 0 index-less lines, 0 project-module lines)`,
    );
    console.log(`  pipreqs missed: ${h.pipreqs.misses.join(' ')}`);
    console.log(`  pipreqs extra:  ${h.pipreqs.extras.join(' ')}`);
  }
  console.log(`  scan missed: ${h.scan.misses.join(' ')}`);
  console.log(`  scan extra:  ${h.scan.extras.join(' ')}`);
}

async function mainBench(): Promise<void> {
  if (process.env.DSC_BENCH_CORPUS_ONLY) return printCorpus();
  const t0 = Date.now();
  const info = buildTree();
  console.log(
    `tree: ${info.files} files, ${(info.bytes / 1048576).toFixed(1)} MB (ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  runChild('read'); // warm the page cache so both figures compare like with like
  const reads = [runChild('read'), runChild('read'), runChild('read')].sort((a, b) => a.ms - b.ms);
  const scans = [runChild('scan'), runChild('scan'), runChild('scan')].sort((a, b) => a.ms - b.ms);
  const floor = reads[1],
    scan = scans[1];
  console.log(
    `read only (floor): ${floor.ms.toFixed(0)} ms (median of 3; ${floor.detail}); peak RSS ${(floor.maxRssKb / 1024).toFixed(0)} MB`,
  );
  console.log(
    `scan:              ${scan.ms.toFixed(0)} ms (median of 3; ${scan.detail}); ${(scan.ms / floor.ms).toFixed(1)}x the floor (goal <= 10x)`,
  );
  console.log(`scan peak RSS:     ${(Math.max(...scans.map((s) => s.maxRssKb)) / 1024).toFixed(0)} MB (goal < 300 MB)`);
  const bigBytes = buildBigNotebooks();
  const big = runChild('big');
  console.log(
    `big notebooks:     4 x ${(bigBytes / 4 / 1048576).toFixed(0)} MB scanned in ${big.ms.toFixed(0)} ms; peak RSS ${(big.maxRssKb / 1024).toFixed(0)} MB (${big.detail})`,
  );
  for (const py of [false, 'python3'] as const) {
    const pr = await precisionRecall(py);
    console.log(
      `fixtures, runtime requirements (${py === false ? 'bundled data' : 'probing python3'}): precision ${(pr.p * 100).toFixed(1)}%, recall ${(pr.r * 100).toFixed(1)}%${pr.misses.length ? ` (${pr.misses.join('; ')})` : ''}`,
    );
  }
  await printCorpus();
  console.log(`CPython ast agreement on python3's standard library: ${agreementWithCPython()}`);
}

// Agreement with CPython's own parser on real code: the interpreter's standard library.
function agreementWithCPython(): string {
  const lib = spawnSync('python3', ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  });
  if (lib.status !== 0) return 'skipped (no python3)';
  const ref = spawnSync('python3', [path.join(ROOT, 'bench/ast-imports.py'), lib.stdout.trim()], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (ref.status !== 0) return `skipped (${ref.stderr.trim().split('\n').pop()})`;
  const want = JSON.parse(ref.stdout) as Record<string, string[]>;
  let imports = 0,
    missing = 0,
    extra = 0,
    warned = 0;
  const examples: string[] = [];
  for (const [file, expected] of Object.entries(want)) {
    const text = decodeSource(fs.readFileSync(file)).text ?? '';
    const facts = scanPython(text);
    if (facts.warnings.length) warned++; // CPython parsed it, so any warning of ours is a false alarm
    const got = facts.imports.filter((i) => !i.dynamic).map((i) => `${'.'.repeat(i.level)}${i.module}:${i.line}`);
    imports += expected.length;
    const left = [...got];
    for (const e of expected) {
      const k = left.indexOf(e);
      if (k >= 0) left.splice(k, 1);
      else {
        missing++;
        if (examples.length < 5) examples.push(`missing ${e} in ${file}`);
      }
    }
    extra += left.length;
    for (const x of left.slice(0, Math.max(0, 5 - examples.length))) examples.push(`extra ${x} in ${file}`);
  }
  return `${Object.keys(want).length} files, ${imports} import statements: ${missing} missed, ${extra} extra, ${warned} files wrongly warned about${examples.length ? ` (${examples.join('; ')})` : ''}`;
}

if (process.argv[2] === '--child') void child(process.argv[3]);
else void mainBench();
