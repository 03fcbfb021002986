import { ExtractedImport, scanPython } from './extract';
import type { RuntimeNeed } from './runtimeNeeds';
import { condaToPip } from './conda';
import { PIP_VALUED_OPTIONS } from '../requirements/pipOptions';

/** A package named by `%pip install X` or `!pip install X` in a notebook cell. */
export interface PipInstall {
  /** The requirement as written, e.g. "pandas>=2". */
  spec: string;
  /** Its distribution name, e.g. "pandas". */
  name: string;
  /** 0-based code-cell index and 1-based line within the cell. */
  cell: number;
  line: number;
}

export interface NotebookImport extends ExtractedImport {
  /** 0-based index of the code cell; `line` is within that cell. */
  cell: number;
}

export interface NotebookFacts {
  imports: NotebookImport[];
  pipInstalls: PipInstall[];
  warnings: { line?: number; cell?: number; message: string }[];
  /** False when the kernel is not Python (the notebook is then not scanned). */
  python: boolean;
  /** Some cell has `if __name__ == "__main__":`. */
  hasMainGuard: boolean;
  /** All code cells joined, for hints such as CUDA use. */
  code: string;
  /** Modules the notebook writes with `%%writefile name.py` / `%%file` (then importable as local modules). */
  writtenModules: string[];
  /** Runtime needs found in the cells' code, each with its cell. */
  needs: (RuntimeNeed & { cell: number })[];
  /** Modules run as `%run -m M`, `!python -m M`, or loaded as `%load_ext M`: needed like imports. */
  moduleRuns: { module: string; cell: number; line: number; why: string }[];
}

// Cell magics whose body is not Python (%%bash, %%R, %%sql, %%html…): the cell is skipped.
const FOREIGN_CELL = /^%%(?!time\b|timeit\b|capture\b|prun\b|debug\b|python3?\b)/;

/** A cell whose first line is a magic that makes it another language: its text is not scanned as Python. */
export function isForeignCell(source: string): boolean {
  return FOREIGN_CELL.test(
    source
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '',
  );
}
// `%%writefile helpers.py` / `%%file -a helpers.py`: the body is Python that the notebook then imports as a module.
const WRITEFILE_PY = /^%%(?:writefile|file)\s+(?:-a\s+)?["']?(?:[^\s"']*\/)?([A-Za-z_]\w*)\.py["']?\s*$/;
// Extensions that ship with IPython: nothing to install.
const BUILTIN_EXTENSIONS = new Set(['autoreload', 'storemagic']);

/**
 * Imports and pip installs of a notebook's code cells (nbformat 4 and 3, source as a string or a
 * list). Only Python kernels are scanned. Never throws: a broken notebook is a warning.
 */
export function extractNotebook(json: string, opts: { file?: string } = {}): NotebookFacts {
  const facts: NotebookFacts = {
    imports: [],
    pipInstalls: [],
    warnings: [],
    python: true,
    hasMainGuard: false,
    code: '',
    writtenModules: [],
    needs: [],
    moduleRuns: [],
  };
  let nb: unknown;
  try {
    nb = JSON.parse(json.charCodeAt(0) === 0xfeff ? json.slice(1) : json);
  } catch (e) {
    facts.warnings.push({ message: `not a valid notebook (JSON: ${e instanceof Error ? e.message : String(e)})` });
    return facts;
  }
  const cells = notebookCells(nb);
  if (!cells) {
    facts.warnings.push({ message: 'not a valid notebook (no cells)' });
    return facts;
  }
  const language = kernelLanguage(nb);
  if (language && language !== 'python') {
    facts.python = false;
    return facts;
  }
  const code: string[] = [];
  // `cell` counts every cell, markdown included, as the editor and Jupyter number them.
  cells.forEach(({ source, index: cell }) => {
    const { python, pips, runs } = writtenModule(source, facts.writtenModules) ?? splitMagics(source);
    for (const p of pips) facts.pipInstalls.push({ ...p, cell });
    for (const r of runs) facts.moduleRuns.push({ ...r, cell });
    const py = scanPython(python, { file: opts.file });
    for (const imp of py.imports) facts.imports.push({ ...imp, cell });
    for (const n of py.needs) facts.needs.push({ ...n, cell });
    for (const w of py.warnings) facts.warnings.push({ cell, line: w.line, message: w.message });
    if (py.hasMainGuard) facts.hasMainGuard = true;
    code.push(python);
  });
  facts.code = code.join('\n');
  return facts;
}

/** For a `%%writefile name.py` cell: its Python body (magic line blanked) and the module name recorded. */
function writtenModule(source: string, names: string[]): { python: string; pips: []; runs: [] } | undefined {
  const lines = source.split('\n');
  const k = lines.findIndex((l) => l.trim() !== '');
  const m = k < 0 ? null : WRITEFILE_PY.exec(lines[k].trim());
  if (!m) return undefined;
  names.push(m[1]);
  lines[k] = '';
  return { python: lines.join('\n'), pips: [], runs: [] };
}

/** Sources of the code cells with their index among all cells, or undefined when the JSON is not a notebook. */
function notebookCells(nb: unknown): { source: string; index: number }[] | undefined {
  if (!nb || typeof nb !== 'object') return undefined;
  const o = nb as { cells?: unknown; worksheets?: { cells?: unknown }[] };
  // nbformat 4: cells[].source; nbformat 3: worksheets[].cells[].input.
  const raw: unknown[] | undefined = Array.isArray(o.cells)
    ? o.cells
    : Array.isArray(o.worksheets)
      ? o.worksheets.flatMap((w) => (w && Array.isArray(w.cells) ? w.cells : []))
      : undefined;
  if (!raw) return undefined;
  const out: { source: string; index: number }[] = [];
  for (const [index, c] of raw.entries()) {
    if (!c || typeof c !== 'object') continue;
    const cell = c as { cell_type?: unknown; source?: unknown; input?: unknown; language?: unknown };
    if (cell.cell_type !== 'code') continue;
    if (typeof cell.language === 'string' && cell.language !== 'python') continue;
    const src = cell.source ?? cell.input;
    out.push({
      index,
      source: Array.isArray(src)
        ? src.filter((s) => typeof s === 'string').join('')
        : typeof src === 'string'
          ? src
          : '',
    });
  }
  return out;
}

function kernelLanguage(nb: unknown): string | undefined {
  const md = (
    nb as { metadata?: { kernelspec?: { language?: unknown; name?: unknown }; language_info?: { name?: unknown } } }
  ).metadata;
  const lang = md?.kernelspec?.language ?? md?.language_info?.name;
  if (typeof lang === 'string') return lang.toLowerCase();
  const name = md?.kernelspec?.name;
  if (typeof name === 'string') return /^python|^py\d|ipykernel/i.test(name) ? 'python' : name.toLowerCase();
  return undefined;
}

/**
 * Blanks magic and shell lines (keeping line numbers) and collects `pip install` arguments.
 */
type ModuleRun = { module: string; line: number; why: string };

function splitMagics(source: string): { python: string; pips: Omit<PipInstall, 'cell'>[]; runs: ModuleRun[] } {
  const lines = source.split('\n');
  const first = lines.find((l) => l.trim() !== '')?.trim() ?? '';
  const runs: ModuleRun[] = [];
  if (FOREIGN_CELL.test(first)) {
    // A %%sql cell runs through the ipython-sql extension: that is what it needs.
    if (/^%%sql\b/.test(first)) runs.push({ module: 'sql', line: 1, why: '%%sql cell' });
    return { python: '', pips: [], runs };
  }
  const pips: Omit<PipInstall, 'cell'>[] = [];
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    // `x = !ls` and `x = %timeit f()` assign a magic's output; `obj?` asks for help.
    const magic = /^[%!]/.test(t) || /^[A-Za-z_]\w*\s*=\s*[%!][A-Za-z]/.test(t) || /^[\w.]+\?{1,2}$/.test(t);
    if (!magic && !continued) continue;
    if (magic) {
      for (const p of pipArgs(t)) pips.push({ ...p, line: i + 1 });
      const run = moduleRun(t);
      if (run) runs.push({ ...run, line: i + 1 });
    }
    continued = t.endsWith('\\');
    lines[i] = '';
  }
  return { python: lines.join('\n'), pips, runs };
}

/** `%run -m M`, `!python -m M …`, `%load_ext M`: the module M, which must be importable. */
function moduleRun(t: string): { module: string; why: string } | undefined {
  let m = /^%run\s+(?:-\w+\s+)*-m\s+([A-Za-z_][\w.]*)/.exec(t);
  if (m) return { module: m[1], why: `%run -m ${m[1]}` };
  m = /^!\s*(?:\S*\/)?python[\d.]*\s+(?:-[A-Za-z]+\s+)*-m\s+([A-Za-z_][\w.]*)/.exec(t);
  if (m && m[1] !== 'pip') return { module: m[1], why: `!python -m ${m[1]}` };
  m = /^%(?:load_ext|reload_ext)\s+([A-Za-z_][\w.]*)/.exec(t);
  if (m && !BUILTIN_EXTENSIONS.has(m[1])) return { module: m[1], why: `%load_ext ${m[1]}` };
  return undefined;
}

function pipArgs(line: string): { spec: string; name: string }[] {
  const conda = /^[%!]\s*(?:conda|mamba)\s+install\s+(.*)$/.exec(line);
  if (conda) {
    // `%conda install -c conda-forge -y numpy pytorch`: conda names, mapped to the distributions pip installs.
    const out: { spec: string; name: string }[] = [];
    const words = conda[1].replace(/\\$/, '').trim().split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      const w = words[k].replace(/^["']|["']$/g, '');
      if (w.startsWith('-')) {
        if (/^(-c|--channel|-n|--name|-p|--prefix)$/.test(w)) k++;
        continue;
      }
      const name = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(w)?.[1];
      const pip = name ? condaToPip(name) : undefined;
      if (pip) out.push({ spec: pip, name: pip });
    }
    return out;
  }
  const m =
    /^[%!]\s*(?:\{[^}]*\}|\S*python[\d.]*)?\s*(?:-m\s+)?pip3?\s+install\s+(.*)$/.exec(line) ??
    /^[%!]\s*pip3?\s+install\s+(.*)$/.exec(line);
  if (!m) return [];
  const out: { spec: string; name: string }[] = [];
  // A trailing `# comment` is the shell's, not pip's.
  const words = m[1]
    .replace(/\\$/, '')
    .replace(/(^|\s)#.*$/, '')
    .trim()
    .split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const w = words[k].replace(/^["']|["']$/g, '');
    if (!w) continue;
    // `-qr requirements.txt`: short options run together; the last one may take the next word as its value.
    if (w.startsWith('-')) {
      if (PIP_VALUED_OPTIONS.has(w) || /^-[a-zA-Z]*[rcefit]$/.test(w)) k++;
      continue;
    }
    if (/[{}$]/.test(w) || w.includes('/') || w.startsWith('.')) continue; // variables, paths, URLs
    const name = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(w)?.[1];
    if (name) out.push({ spec: w, name });
  }
  return out;
}
