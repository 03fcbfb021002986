import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportClass, ScanWarning } from '../core/project';
import { RequirementLine } from '../core/requirements/parse';
import { followIncludes } from '../core/requirements/includes';
import { readTextFile } from './textFile';
import { ExcludeDirective, excludeDirectives } from '../core/requirements/exclude';
import {
  condaDeclarations,
  DeclaredName,
  lineOf,
  pipfileDeclarations,
  setupCfgDeclarations,
  setupPyDeclarations,
  toolDeclarations,
} from '../core/python/declared';
import { normalizeName } from '../core/requirements/names';
import { namedRequirementFiles } from './namedRequirements';

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
  /** pyproject.toml's [build-system] (with a [project] or tool table): the project installs as a package. */
  buildSystem?: { requires: string[] };
  /** `# dsc: exclude NAME` directives of the requirements files. */
  excluded: (ExcludeDirective & { file: string })[];
  /** Declared needs pip cannot install (conda's cudatoolkit, system programs): reported, never installed. */
  reported: { name: string; reason: string; file: string; line?: number }[];
  /** Distribution names that come from conda `dependencies:` (not its `pip:` section): PyPI may not have them. */
  condaNames: string[];
  /** The project's own distribution names (pyproject/setup name): never a requirement of itself. */
  selfNames: string[];
  /** environment.yml's `pip: - .` (or `-e .`): the project installs itself, where that is said. */
  selfInstall?: { editable: boolean; file: string; line?: number };
}

/** binder/ or .binder/ environment.yml and requirements.txt, when the root has neither of its own. */
async function binderFiles(root: string, names: string[]): Promise<string[]> {
  const own = names.some((n) => /^(environment\.ya?ml|requirements\.txt)$/.test(n));
  const dir = ['binder', '.binder'].find((d) => names.includes(d));
  if (own || !dir) return [];
  const inside = await fs.readdir(path.join(root, dir)).catch(() => [] as string[]);
  return ['environment.yml', 'environment.yaml', 'requirements.txt']
    .filter((f) => inside.includes(f))
    .map((f) => `${dir}/${f}`);
}

/** The 1-based line of a `- .` / `- -e .` item. */
function selfLine(text: string): number | undefined {
  const i = text
    .split(/\r?\n/)
    .findIndex((l) => /^\s*-\s+(?:(?:-e|--editable)\s+)?\.\/?(?:\[[^\]]*\])?\s*(?:#.*)?$/.test(l));
  return i < 0 ? undefined : i + 1;
}

const DEV_REQ = /(?:dev|test|tests|docs|doc|lint|ci)\b/i;

/**
 * Reads requirements*.txt (and requirements/*.txt), pyproject.toml, environment.yml, .python-version, runtime.txt
 * at `root`.
 */
export async function readDeclarations(root: string): Promise<Declarations> {
  const out: Declarations = {
    packages: [],
    cudaHint: false,
    warnings: [],
    reported: [],
    condaNames: [],
    selfNames: [],
    excluded: [],
  };
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
  // Those the README, devcontainer.json, Makefile or Dockerfile install with `-r` (src/requirements.txt).
  for (const f of await namedRequirementFiles(root)) if (!seen.has(f)) await readRequirements(root, f, out, seen);
  if (names.includes('pyproject.toml')) await readPyproject(root, out);
  for (const f of ['environment.yml', 'environment.yaml']) if (names.includes(f)) await readEnvironment(root, f, out);
  // Binder (repo2docker) reads a project's configuration from binder/ or .binder/ (issue 26's trial).
  for (const f of await binderFiles(root, names))
    await (f.endsWith('.txt') ? readRequirements(root, f, out, seen) : readEnvironment(root, f, out));
  if (names.includes('Pipfile')) await readPipfile(root, out);
  if (names.includes('setup.cfg')) await readSetupText(root, 'setup.cfg', out);
  if (names.includes('setup.py')) await readSetupText(root, 'setup.py', out);
  // A project that depends on itself (`pkg[all]` in its own extras, `-e .`) declares nothing new.
  const self = new Set(out.selfNames.map(normalizeName));
  out.packages = out.packages.filter((p) => !self.has(normalizeName(p.name)));
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

/** A PEP 508 string → a declared name (undefined for URLs to folders); throws when pip cannot parse it. */
function declaredName(spec: string): DeclaredName | undefined {
  const req = parsePipRequirementsLine(spec);
  if (!req || (req.type !== 'ProjectName' && req.type !== 'ProjectURL')) return undefined;
  const eq = req.type === 'ProjectName' ? req.versionSpec?.find((v) => v.operator === '==') : undefined;
  return { name: req.name, version: eq?.version, spec, class: 'runtime' };
}

/** A PEP 508 string → a declared name (undefined for URLs to folders and unparsable specs). */
function parseSpec(spec: string): DeclaredName | undefined {
  try {
    return declaredName(spec.trim());
  } catch {
    return undefined; // reported by the caller's count
  }
}

/**
 * One dependency string of a project file (pyproject.toml, environment.yml's pip list); a warning when pip
 * cannot parse it.
 */
function addDependency(
  out: Declarations,
  file: string,
  text: string,
  spec: string,
  cls: ImportClass,
  what: string,
): void {
  try {
    const d = declaredName(spec);
    if (d) out.packages.push({ name: d.name, version: d.version, spec, file, line: lineOf(text, d.name), class: cls });
  } catch {
    out.warnings.push({ file, message: `cannot parse ${what} "${spec}"` });
  }
}

function addAll(out: Declarations, file: string, list: DeclaredName[]): void {
  for (const d of list)
    out.packages.push({ name: d.name, version: d.version, spec: d.spec, file, line: d.line, class: d.class });
}

/** A TOML file's text and document; undefined (with a warning at its line) when it cannot be read or parsed. */
async function readToml(
  root: string,
  file: string,
  out: Declarations,
): Promise<{ text: string; doc: Record<string, unknown> } | undefined> {
  const text = await read(root, file, out);
  if (text === undefined) return undefined;
  try {
    return { text, doc: parseToml(text) as Record<string, unknown> };
  } catch (e) {
    out.warnings.push({
      file,
      line: (e as { line?: number }).line,
      message: `invalid TOML: ${String((e as Error).message).split('\n')[0]}`,
    });
    return undefined;
  }
}

async function readPipfile(root: string, out: Declarations): Promise<void> {
  const toml = await readToml(root, 'Pipfile', out);
  if (!toml) return;
  const { text, doc } = toml;
  const p = pipfileDeclarations(doc, text);
  addAll(out, 'Pipfile', p.packages);
  if (p.python && !out.python) out.python = { version: p.python, file: 'Pipfile' };
}

async function readSetupText(root: string, file: 'setup.cfg' | 'setup.py', out: Declarations): Promise<void> {
  const text = await read(root, file, out);
  if (text === undefined) return;
  const name =
    file === 'setup.cfg'
      ? /^\s*name\s*=\s*([\w.-]+)/m.exec(text)?.[1]
      : /\bname\s*=\s*["']([\w.-]+)["']/.exec(text)?.[1];
  if (name) out.selfNames.push(name);
  addAll(
    out,
    file,
    file === 'setup.cfg' ? setupCfgDeclarations(text, parseSpec) : setupPyDeclarations(text, parseSpec),
  );
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
  // `-r base.txt` is relative to the including file; files outside the project are not read.
  await followIncludes(file, (f) => read(root, f, out), { file: excludesOf, line: declare }, seen);

  function excludesOf(f: string, text: string): void {
    for (const d of excludeDirectives(text)) out.excluded.push({ ...d, file: f });
  }
  // The same parser as the editor and the merge: continuations, `--hash` options, comments.
  function declare(f: string, l: RequirementLine): void {
    if (
      /download\.pytorch\.org\/whl\/cu|\+cu\d{2,3}\b|nvidia-|-cu1[12]\b|cuda/i.test(l.raw.replace(/(^|\s)#.*$/gm, ''))
    )
      out.cudaHint = true;
    if (l.kind === 'invalid') {
      out.warnings.push({
        file: f,
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
      const cls: ImportClass = DEV_REQ.test(path.basename(f).replace(/^requirements/i, '')) ? 'dev' : 'runtime';
      const url = l.url ? { url: true } : {};
      out.packages.push({ name: l.name, version: l.pinned, spec, file: f, line: l.line + 1, class: cls, ...url });
    }
  }
}

async function readPyproject(root: string, out: Declarations): Promise<void> {
  const toml = await readToml(root, 'pyproject.toml', out);
  if (!toml) return;
  const { text, doc } = toml;
  const project = (doc.project ?? {}) as {
    name?: unknown;
    dependencies?: unknown;
    'requires-python'?: unknown;
    'optional-dependencies'?: unknown;
  };
  if (typeof project.name === 'string') out.selfNames.push(project.name);
  const poetryName = (doc.tool as { poetry?: { name?: unknown } } | undefined)?.poetry?.name;
  if (typeof poetryName === 'string') out.selfNames.push(poetryName);
  const tools = toolDeclarations(doc, text, parseSpec);
  addAll(
    out,
    'pyproject.toml',
    tools.packages.map((p) => ({ ...p, line: p.line ?? lineOf(text, p.name) })),
  );
  if (tools.python && !out.python)
    out.python = { version: tools.python, file: 'pyproject.toml', range: '>=' + tools.python };
  const add = (spec: unknown, cls: ImportClass): void => {
    if (typeof spec === 'string') addDependency(out, 'pyproject.toml', text, spec, cls, 'dependency');
  };
  if (Array.isArray(project.dependencies)) for (const d of project.dependencies) add(d, 'runtime');
  const groups = project['optional-dependencies'];
  if (groups && typeof groups === 'object') {
    for (const [group, deps] of Object.entries(groups)) {
      if (Array.isArray(deps)) for (const d of deps) add(d, DEV_REQ.test(group) ? 'dev' : 'optional');
    }
  }
  const bs = doc['build-system'] as { requires?: unknown } | undefined;
  // A build system with something to build: a [project] table or a tool's own (poetry, flit, setuptools).
  if (bs && (doc.project || doc.tool) && Array.isArray(bs.requires)) {
    out.buildSystem = {
      requires: bs.requires.filter((r): r is string => typeof r === 'string' && !r.includes(';')).map((r) => r.trim()),
    };
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
  // Conda names mapped to the distributions pip installs (pytorch → torch); the CUDA toolkit and system
  // programs are reported, not installed.
  const conda = condaDeclarations(doc.dependencies, text);
  addAll(out, file, conda.packages);
  out.condaNames.push(...conda.packages.map((p) => p.name));
  for (const r of conda.reported) out.reported.push({ ...r, file });
  if (conda.python && !out.python) out.python = { version: conda.python, file };
  for (const d of doc.dependencies) {
    if (typeof d === 'string') {
      if (/cudatoolkit|cuda-version|pytorch-cuda/.test(d)) out.cudaHint = true;
    } else if (d && typeof d === 'object' && Array.isArray((d as { pip?: unknown }).pip)) {
      for (const spec of (d as { pip: unknown[] }).pip) {
        // `- .` / `- -e .`: pip installs this project itself (issue 26), not a requirement to parse.
        const self = typeof spec === 'string' && /^(?:(-e|--editable)\s+)?\.\/?(?:\[[^\]]*\])?$/.exec(spec.trim());
        if (self) out.selfInstall = { editable: !!self[1], file, line: selfLine(text) };
        else if (typeof spec === 'string' && !spec.startsWith('-'))
          addDependency(out, file, text, spec, 'runtime', 'pip dependency');
      }
    }
  }
}
