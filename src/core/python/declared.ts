import type { ImportClass } from '../project';
import { condaReportReason, condaToPip } from './conda';

/**
 * What a project declares in the files other tools own: Pipfile, pyproject.toml (PEP 621, Poetry, PDM,
 * uv, PEP 735 groups), setup.cfg, setup.py (parsed, never run), environment.yml. Pure: parsed documents
 * or text in, names out; node/declarations.ts reads the files.
 */
export interface DeclaredName {
  name: string;
  /** The requirement as written (`numpy>=1.24`, or `name==version` rebuilt from a table). */
  spec: string;
  version?: string;
  line?: number;
  class: ImportClass;
}

const DEV_GROUP = /^(?:dev|develop|development|test|tests|testing|docs?|lint|linting|style|typing|ci)$/i;
const classOf = (group: string): ImportClass => (DEV_GROUP.test(group) ? 'dev' : 'optional');

/** 1-based line of the first `name =` / `"name` after `section` in a TOML or INI text, for evidence. */
export function lineOf(text: string, name: string, after = 0): number | undefined {
  const lines = text.split(/\r?\n/);
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*["']?${esc}["']?\\s*(?:=|[<>=!~;\\[\\],]|$)|["']${esc}\\s*(?:[<>=!~;\\[\\]]|["'])`, 'i');
  for (let i = after; i < lines.length; i++) if (re.test(lines[i])) return i + 1;
  return undefined;
}

/** A Pipfile / Poetry table value: `"*"`, `"==1.2"`, `"^1.2"`, `{version = "…", extras = […]}`. */
function tableSpec(name: string, v: unknown): { spec: string; version?: string } | undefined {
  if (typeof v === 'string') {
    const exact = /^(?:==?\s*)?(\d[\w.+!-]*)$/.exec(v.trim());
    return {
      spec:
        v.trim() === '*'
          ? name
          : /^[\d]/.test(v.trim())
            ? `${name}==${v.trim()}`
            : `${name}${v.trim().replace(/^\^|^~(?!=)/, '>=')}`,
      version: exact?.[1],
    };
  }
  if (v && typeof v === 'object') {
    const o = v as { version?: unknown; git?: unknown; path?: unknown; url?: unknown };
    if (o.path !== undefined) return undefined; // a folder of the project (`-e .`): not a distribution to install
    if (typeof o.version === 'string') return tableSpec(name, o.version);
    return { spec: name };
  }
  return undefined;
}

/** Pipfile: [packages] (runtime) and [dev-packages]; `[requires] python_version`. */
export function pipfileDeclarations(
  doc: Record<string, unknown>,
  text: string,
): { packages: DeclaredName[]; python?: string } {
  const packages: DeclaredName[] = [];
  for (const [section, cls] of [
    ['packages', 'runtime'],
    ['dev-packages', 'dev'],
  ] as const) {
    const table = doc[section];
    if (!table || typeof table !== 'object') continue;
    const at = text.split(/\r?\n/).findIndex((l) => l.trim() === `[${section}]`);
    for (const [name, v] of Object.entries(table)) {
      const s = tableSpec(name, v);
      if (s) packages.push({ name, ...s, class: cls, line: lineOf(text, name, Math.max(0, at)) });
    }
  }
  const req = doc.requires as { python_version?: unknown } | undefined;
  const python = typeof req?.python_version === 'string' ? /^(3\.\d+)/.exec(req.python_version)?.[1] : undefined;
  return { packages, python };
}

/** Poetry ([tool.poetry.dependencies], groups), PDM and uv dev groups, PEP 735 [dependency-groups]. */
export function toolDeclarations(
  doc: Record<string, unknown>,
  text: string,
  parse: (spec: string) => DeclaredName | undefined,
): { packages: DeclaredName[]; python?: string } {
  const packages: DeclaredName[] = [];
  const tool = (doc.tool ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const poetry = tool.poetry;
  let python: string | undefined;
  const poetryTable = (table: unknown, cls: ImportClass): void => {
    if (!table || typeof table !== 'object') return;
    for (const [name, v] of Object.entries(table)) {
      if (name.toLowerCase() === 'python') {
        if (typeof v === 'string') python = /(3\.\d+)/.exec(v)?.[1];
        continue;
      }
      const optional = v && typeof v === 'object' && (v as { optional?: unknown }).optional === true;
      const s = tableSpec(name, v);
      if (s) packages.push({ name, ...s, class: optional ? 'optional' : cls, line: lineOf(text, name) });
    }
  };
  if (poetry) {
    poetryTable(poetry.dependencies, 'runtime');
    poetryTable(poetry['dev-dependencies'], 'dev');
    const groups = (poetry.group ?? {}) as Record<string, { dependencies?: unknown }>;
    for (const [g, body] of Object.entries(groups))
      poetryTable(body?.dependencies, g === 'main' ? 'runtime' : classOf(g) === 'dev' ? 'dev' : 'optional');
  }
  const lists: [unknown, ImportClass][] = [];
  const pdmDev = (tool.pdm as { 'dev-dependencies'?: Record<string, unknown> } | undefined)?.['dev-dependencies'];
  if (pdmDev) for (const deps of Object.values(pdmDev)) lists.push([deps, 'dev']);
  const uv = tool.uv as { 'dev-dependencies'?: unknown } | undefined;
  if (uv?.['dev-dependencies']) lists.push([uv['dev-dependencies'], 'dev']);
  const groups = doc['dependency-groups'] as Record<string, unknown> | undefined;
  if (groups) for (const [g, deps] of Object.entries(groups)) lists.push([deps, classOf(g)]);
  for (const [deps, cls] of lists) {
    if (!Array.isArray(deps)) continue;
    for (const d of deps)
      if (typeof d === 'string') {
        const p = parse(d);
        if (p) packages.push({ ...p, class: cls });
      }
  }
  return { packages, python };
}

/** setup.cfg: `[options] install_requires` (runtime) and `[options.extras_require]` (optional / dev). */
export function setupCfgDeclarations(text: string, parse: (spec: string) => DeclaredName | undefined): DeclaredName[] {
  const out: DeclaredName[] = [];
  let section = '';
  let key = '';
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const sec = /^\s*\[([^\]]+)\]/.exec(l);
    if (sec) {
      section = sec[1].trim();
      key = '';
      continue;
    }
    if (/^\s*[#;]/.test(l) || !l.trim()) continue;
    const kv = /^(\S[^=]*?)\s*=\s*(.*)$/.exec(l);
    let value: string;
    if (kv && !/^\s/.test(l)) {
      key = kv[1].trim();
      value = kv[2];
    } else value = l;
    const cls: ImportClass | undefined =
      section === 'options' && key === 'install_requires'
        ? 'runtime'
        : section === 'options.extras_require'
          ? classOf(key)
          : undefined;
    if (!cls) continue;
    for (const spec of value
      .split(/;(?=\s*$)|,(?![^[]*\])/)
      .map((s) => s.trim())
      .filter(Boolean)) {
      const p = parse(spec);
      if (p) out.push({ ...p, line: i + 1, class: cls });
    }
  }
  return out;
}

/**
 * setup.py: the literal lists given to `install_requires=` and `extras_require=` (or assigned to a name
 * that is passed there). Read as text, never run; a list built by code (reading requirements.txt) yields nothing.
 */
export function setupPyDeclarations(text: string, parse: (spec: string) => DeclaredName | undefined): DeclaredName[] {
  const out: DeclaredName[] = [];
  const listAt = (start: number, cls: ImportClass): void => {
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      if (text[end] === '[') depth++;
      else if (text[end] === ']' && --depth === 0) break;
    }
    const body = text.slice(start, end);
    // A comprehension over a file (`[l.strip() for l in open("requirements.txt")]`) is code, not a list of
    // names: its strings are a path and a comment marker. What it reads is declared in that file.
    if (/\bfor\b[^\]]*\bin\b|\bopen\s*\(|\bread(?:lines)?\s*\(/.test(body)) return;
    for (const m of body.matchAll(/(["'])([^"'\n]+)\1/g)) {
      const p = parse(m[2]);
      const line = text.slice(0, start + (m.index ?? 0)).split('\n').length;
      if (p) out.push({ ...p, line, class: cls });
    }
  };
  const req = /\binstall_requires\s*=\s*(\[|([A-Za-z_]\w*))/.exec(text);
  if (req?.[1] === '[') listAt(req.index + req[0].length - 1, 'runtime');
  else if (req?.[2]) {
    const assign = new RegExp(`^${req[2]}\\s*=\\s*\\[`, 'm').exec(text);
    if (assign) listAt(assign.index + assign[0].length - 1, 'runtime');
  }
  const extras = /\bextras_require\s*=\s*\{/.exec(text);
  if (extras) {
    const body = text.slice(extras.index, text.indexOf('}', extras.index));
    for (const m of body.matchAll(/(["'])([\w-]+)\1\s*:\s*\[/g))
      listAt(extras.index + (m.index ?? 0) + m[0].length - 1, classOf(m[2]));
  }
  return out;
}

/** environment.yml `dependencies:` conda names: mapped to pip distributions, or reported with a reason. */
export function condaDeclarations(
  deps: unknown[],
  text: string,
): { packages: DeclaredName[]; reported: { name: string; reason: string; line?: number }[]; python?: string } {
  const packages: DeclaredName[] = [];
  const reported: { name: string; reason: string; line?: number }[] = [];
  let python: string | undefined;
  for (const d of deps) {
    if (typeof d !== 'string') continue;
    // `conda-forge::numpy=1.24`, `pytorch>=2`, `python=3.10`.
    const m = /^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)\s*(?:(==?|>=|<=|>|<|~=)\s*([\w.*]+))?/.exec(d.trim());
    if (!m) continue;
    const line = lineOf(text, m[1]) ?? lineOf(text, `- ${m[1]}`);
    if (m[1].toLowerCase() === 'python') {
      python = /^(3\.\d+)/.exec(m[3] ?? '')?.[1];
      continue;
    }
    const pip = condaToPip(m[1]);
    if (!pip) {
      const reason = condaReportReason(m[1]);
      if (reason) reported.push({ name: m[1], reason, line });
      continue;
    }
    const exact = (m[2] === '=' || m[2] === '==') && m[3] && !m[3].includes('*') ? m[3] : undefined;
    packages.push({ name: pip, spec: exact ? `${pip}==${exact}` : pip, version: exact, line, class: 'runtime' });
  }
  return { packages, reported, python };
}
