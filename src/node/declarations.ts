import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportClass, ScanWarning } from '../core/project';
import { parseRequirements } from '../core/requirements/parse';
import { readTextFile } from './textFile';

// Loaded on first use from their own chunks (scripts/bundle.mjs): activation does not parse them.
const parseToml = (text: string) => (require('smol-toml') as typeof import('smol-toml')).parse(text);
const parseYaml = (text: string) => (require('yaml') as typeof import('yaml')).parse(text);
const parsePipRequirementsLine = (spec: string) =>
  (require('pip-requirements-js') as typeof import('pip-requirements-js')).parsePipRequirementsLine(spec);

/** A package the project already declares, with where. */
export interface Declared {
  name: string;
  /** The exact version when pinned with `==` (never a range). */
  version?: string;
  spec: string;
  /** Project-relative file and 1-based line. */
  file: string;
  line?: number;
  /** `dev` for requirements-dev.txt, test/docs files, optional-dependency groups. */
  class: ImportClass;
}

export interface Declarations {
  packages: Declared[];
  /** "X.Y" and the file that said so; `range` when it came from requires-python (a lower bound). */
  python?: { version: string; file: string; range?: string };
  /** Extra GPU evidence: a CUDA wheel index or local version (`+cu121`) in a requirements file. */
  cudaHint: boolean;
  warnings: ScanWarning[];
}

const DEV_REQ = /(?:dev|test|tests|docs|doc|lint|ci)\b/i;

/** Reads requirements*.txt (and requirements/*.txt), pyproject.toml, environment.yml, .python-version, runtime.txt at `root`. */
export async function readDeclarations(root: string): Promise<Declarations> {
  const out: Declarations = { packages: [], cudaHint: false, warnings: [] };
  const names = await fs.readdir(root).catch(() => [] as string[]);
  const reqFiles = names.filter((n) => /^requirements.*\.(txt|in)$/i.test(n)).sort();
  if (names.includes('requirements')) {
    const sub = await fs.readdir(path.join(root, 'requirements')).catch(() => [] as string[]);
    reqFiles.push(
      ...sub
        .filter((n) => /\.(txt|in)$/.test(n))
        .sort()
        .map((n) => `requirements/${n}`),
    );
  }
  const seen = new Set<string>();
  for (const f of reqFiles) await readRequirements(root, f, out, seen);
  if (names.includes('pyproject.toml')) await readPyproject(root, out);
  for (const f of ['environment.yml', 'environment.yaml']) if (names.includes(f)) await readEnvironment(root, f, out);
  const pin = async (file: string, re: RegExp): Promise<void> => {
    if (out.python || !names.includes(file)) return;
    const text = await read(root, file, out);
    const m = text && re.exec(text);
    if (m) out.python = { version: m[1], file };
  };
  await pin('.python-version', /^\s*(?:python-|cpython-)?(3\.\d+)/m);
  await pin('runtime.txt', /^\s*python-(3\.\d+)/m);
  return out;
}

async function read(root: string, file: string, out: Declarations): Promise<string | undefined> {
  try {
    // Decoded like sources: a BOM'd or UTF-16 requirements file (Windows `pip freeze >`) reads right.
    const f = await readTextFile(path.join(root, file));
    if (!f) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return f.text;
  } catch (e) {
    out.warnings.push({ file, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
    return undefined;
  }
}

async function readRequirements(root: string, file: string, out: Declarations, seen: Set<string>): Promise<void> {
  if (seen.has(file)) return;
  seen.add(file);
  const text = await read(root, file, out);
  if (text === undefined) return;
  const cls: ImportClass = DEV_REQ.test(path.basename(file).replace(/^requirements/i, '')) ? 'dev' : 'runtime';
  // The same parser as the editor and the merge: continuations, `--hash` options, comments.
  for (const l of parseRequirements(text).lines) {
    if (
      /download\.pytorch\.org\/whl\/cu|\+cu\d{2,3}\b|nvidia-|-cu1[12]\b|cuda/i.test(l.raw.replace(/(^|\s)#.*$/gm, ''))
    )
      out.cudaHint = true;
    if (l.kind === 'include' && l.path) {
      // `-r base.txt` is relative to the including file; files outside the project are not read.
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), l.path.replace(/\\/g, '/')));
      if (!target.startsWith('../') && !path.isAbsolute(l.path)) await readRequirements(root, target, out, seen);
    } else if (l.kind === 'invalid') {
      out.warnings.push({
        file,
        line: l.line + 1,
        message: `cannot parse requirement "${l.raw
          .split('\n')[0]
          .replace(/(^|\s)#.*$/, '')
          .trim()}"`,
      });
    } else if (l.kind === 'requirement' && l.name) {
      const spec = l.raw
        .replace(/\\\r?\n/g, ' ')
        .replace(/(^|\s)#.*$/, '')
        .trim();
      out.packages.push({ name: l.name, version: l.pinned, spec, file, line: l.line + 1, class: cls });
    }
  }
}

async function readPyproject(root: string, out: Declarations): Promise<void> {
  const text = await read(root, 'pyproject.toml', out);
  if (text === undefined) return;
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const line = (e as { line?: number }).line;
    out.warnings.push({
      file: 'pyproject.toml',
      line,
      message: `invalid TOML: ${String((e as Error).message).split('\n')[0]}`,
    });
    return;
  }
  const project = (doc.project ?? {}) as {
    dependencies?: unknown;
    'requires-python'?: unknown;
    'optional-dependencies'?: unknown;
  };
  const add = (spec: unknown, cls: ImportClass): void => {
    if (typeof spec !== 'string') return;
    try {
      const req = parsePipRequirementsLine(spec);
      if (req && (req.type === 'ProjectName' || req.type === 'ProjectURL')) {
        const eq = req.type === 'ProjectName' ? req.versionSpec?.find((v) => v.operator === '==') : undefined;
        out.packages.push({ name: req.name, version: eq?.version, spec, file: 'pyproject.toml', class: cls });
      }
    } catch {
      out.warnings.push({ file: 'pyproject.toml', message: `cannot parse dependency "${spec}"` });
    }
  };
  if (Array.isArray(project.dependencies)) for (const d of project.dependencies) add(d, 'runtime');
  const groups = project['optional-dependencies'];
  if (groups && typeof groups === 'object') {
    for (const [group, deps] of Object.entries(groups)) {
      if (Array.isArray(deps)) for (const d of deps) add(d, DEV_REQ.test(group) ? 'dev' : 'optional');
    }
  }
  const rp = project['requires-python'];
  if (typeof rp === 'string' && !out.python) {
    // The lowest version the project allows: `>=3.9`, `~=3.10`, `==3.11.*`, `>=3.8,<3.13`.
    const m = /(?:>=|~=|==|>)\s*(3\.\d+)/.exec(rp);
    if (m) out.python = { version: m[1], file: 'pyproject.toml', range: rp };
  }
}

async function readEnvironment(root: string, file: string, out: Declarations): Promise<void> {
  const text = await read(root, file, out);
  if (text === undefined) return;
  let doc: { dependencies?: unknown };
  try {
    doc = (parseYaml(text) ?? {}) as { dependencies?: unknown };
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    out.warnings.push({ file, line, message: `invalid YAML: ${String((e as Error).message).split('\n')[0]}` });
    return;
  }
  if (!Array.isArray(doc.dependencies)) return;
  for (const d of doc.dependencies) {
    if (typeof d === 'string') {
      // Conda specs: `python=3.10`, `numpy>=1.24`; conda names are not PyPI names, so only python is taken.
      const py = /^python\s*[=<>~]*\s*(3\.\d+)/.exec(d);
      if (py && !out.python) out.python = { version: py[1], file };
      if (/cudatoolkit|cuda-version|pytorch-cuda/.test(d)) out.cudaHint = true;
    } else if (d && typeof d === 'object' && Array.isArray((d as { pip?: unknown }).pip)) {
      for (const spec of (d as { pip: unknown[] }).pip) {
        if (typeof spec !== 'string' || spec.startsWith('-')) continue;
        try {
          const req = parsePipRequirementsLine(spec);
          if (req && (req.type === 'ProjectName' || req.type === 'ProjectURL')) {
            const eq = req.type === 'ProjectName' ? req.versionSpec?.find((v) => v.operator === '==') : undefined;
            out.packages.push({ name: req.name, version: eq?.version, spec, file, class: 'runtime' });
          }
        } catch {
          out.warnings.push({ file, message: `cannot parse pip dependency "${spec}"` });
        }
      }
    }
  }
}
