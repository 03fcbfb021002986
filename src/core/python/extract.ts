import type { ImportClass } from '../project';
import { tokenize, Tokenized } from './tokenize';
import { isDevPath } from './classify';
import { NEEDS_TRIGGER, pythonNeeds, RuntimeNeed } from './runtimeNeeds';

/** One import found in Python source. */
export interface ExtractedImport {
  /** Dotted module name as written, without leading dots for relative imports ('' for `from . import x`). */
  module: string;
  /** 1-based line of the statement. */
  line: number;
  class: ImportClass;
  isRelative: boolean;
  /** Number of leading dots (0 for absolute imports). */
  level: number;
  /** For `from M import a, b`: ["a", "b"] (a name may be a submodule, e.g. google.cloud's storage). */
  names: string[];
  /** True for `__import__('x')` / `importlib.import_module('x')`. */
  dynamic?: boolean;
}

export interface ExtractOptions {
  /** Project-relative path of the file; files under tests/, docs/… make every import `dev`. */
  file?: string;
  /** Added to every line (notebook cells are scanned one by one). */
  lineOffset?: number;
}

export interface PythonFacts {
  imports: ExtractedImport[];
  /** The file has `if __name__ == "__main__":`. */
  hasMainGuard: boolean;
  warnings: { line: number; message: string }[];
  /** Runtime needs no import spells (pandas I/O engines, database drivers…), see runtimeNeeds.ts. */
  needs: RuntimeNeed[];
  longestLine: number;
  longestLineNo: number;
}

const KEYWORDS = new Set(['import', 'from', 'try', 'except', 'if', 'elif', 'else', 'finally', 'with']);
// Command-line options, configuration flags, device checks and backend switches (see blockFor).
const SIDE_CONDITION = new RegExp(
  String.raw`\b(?:args|opt|opts|options|flags|FLAGS|config|cfg|hparams|params)\.\w+|\bcuda\b|\bis_available\s*\(|` +
    String.raw`\b(?:backend|framework|engine|device)\w*\s*(?:==|!=|\bin\b)`,
);
const IMPORT_ERRORS = /^(?:ImportError|ModuleNotFoundError|Exception|BaseException|builtins\.ImportError)$/;

type Block =
  | { indent: number; kind: 'try'; id: number }
  | { indent: number; kind: 'except'; id: number; catches: boolean }
  | { indent: number; kind: 'typing' | 'suppress' | 'side' | 'other' };

/** The imports of a Python source text (see {@link scanPython} for the other facts). */
export function extractImports(source: string, opts: ExtractOptions = {}): ExtractedImport[] {
  return scanPython(source, opts).imports;
}

/** Imports, `__main__` guard and warnings of one Python source text. Never throws. */
export function scanPython(source: string, opts: ExtractOptions = {}): PythonFacts {
  const dynamic = source.includes('__import__') || source.includes('import_module');
  const needs = NEEDS_TRIGGER.test(source);
  if (!dynamic && !needs && !source.includes('import') && !source.includes('__main__')) {
    return { imports: [], hasMainGuard: false, warnings: [], needs: [], longestLine: 0, longestLineNo: 0 };
  }
  const tok = tokenize(source, (w) => KEYWORDS.has(w), dynamic || needs);
  const facts = analyzeLines(tok, dynamic, opts);
  if (needs) {
    const offset = opts.lineOffset ?? 0;
    for (const l of tok.lines) if (l.text) facts.needs.push(...pythonNeeds(l.text, tok.strings, l.line + offset));
  }
  return facts;
}

function analyzeLines(tok: Tokenized, dynamic: boolean, opts: ExtractOptions): PythonFacts {
  const offset = opts.lineOffset ?? 0;
  const dev = opts.file !== undefined && isDevPath(opts.file);
  const found: { imp: ExtractedImport; tries: number[]; optional: boolean; typing: boolean }[] = [];
  const catching = new Set<number>();
  const stack: Block[] = [];
  // The try statement whose block (or an except block of it) last closed at each indentation.
  const lastTry = new Map<number, number>();
  let tryIds = 0;
  let hasMainGuard = false;

  const push = (imp: ExtractedImport): void => {
    const tries: number[] = [];
    let optional = false;
    let typing = false;
    for (const b of stack) {
      if (b.kind === 'try') tries.push(b.id);
      else if ((b.kind === 'except' && b.catches) || b.kind === 'suppress' || b.kind === 'side') optional = true;
      else if (b.kind === 'typing') typing = true;
    }
    found.push({ imp, tries, optional, typing });
  };

  const statement = (text: string, indent: number, line: number): void => {
    const header = /^(try|except|finally|else|if|elif|with)\b/.exec(text);
    if (header) {
      const colon = headerColon(text);
      if (colon < 0) return;
      const head = text.slice(0, colon).trim();
      const body = text.slice(colon + 1).trim();
      stack.push(blockFor(header[1], head, indent));
      if (header[1] === 'if' && isMainGuard(head, tok.strings)) hasMainGuard = true;
      if (body) statement(body, indent + 0.5, line);
      return;
    }
    if (text.startsWith('import') || text.startsWith('from')) {
      for (const imp of parseImport(text, line + offset)) push(imp);
    }
    if (dynamic) {
      for (const m of text.matchAll(/(?:__import__|import_module)\s*\(\s*"(\d+)"/g)) {
        const name = tok.strings[Number(m[1])];
        if (!name || !/^\.*[A-Za-z_][\w.]*$/.test(name)) continue;
        const level = /^\.*/.exec(name)![0].length;
        push({
          module: name.slice(level),
          line: line + offset,
          class: 'runtime',
          isRelative: level > 0,
          level,
          names: [],
          dynamic: true,
        });
      }
    }
  };

  const blockFor = (kw: string, head: string, indent: number): Block => {
    if (kw === 'try') return { indent, kind: 'try', id: ++tryIds };
    if (kw === 'except') {
      const id = lastTry.get(indent) ?? 0;
      const catches = exceptCatchesImportError(head);
      if (catches && id) catching.add(id);
      return { indent, kind: 'except', id, catches };
    }
    if (kw === 'if' && /^if\s+\(?\s*(?:[A-Za-z_]\w*\.)?TYPE_CHECKING\s*\)?$/.test(head))
      return { indent, kind: 'typing' };
    // A side path: an import under `if args.fp16:`, `if torch.cuda.is_available():` or `elif backend == "tf":`
    // runs only when that option, device or backend is chosen, so it is optional (a commented line), not
    // runtime. Only such conditions count: a plain `if x:` may be the usual path (and `else` is left alone).
    if ((kw === 'if' || kw === 'elif') && SIDE_CONDITION.test(head)) return { indent, kind: 'side' };
    if (kw === 'with' && /\bsuppress\s*\(([^)]*)\)/.test(head)) {
      const args = /\bsuppress\s*\(([^)]*)\)/
        .exec(head)![1]
        .split(',')
        .map((s) => s.trim());
      if (args.some((a) => IMPORT_ERRORS.test(a))) return { indent, kind: 'suppress' };
    }
    return { indent, kind: 'other' };
  };

  for (const l of tok.lines) {
    while (stack.length && stack[stack.length - 1].indent >= l.indent) {
      const b = stack.pop()!;
      if (b.kind === 'try' || b.kind === 'except') lastTry.set(b.indent, b.id);
    }
    if (l.text) statement(l.text, l.indent, l.line);
  }

  const imports = found.map(({ imp, tries, optional, typing }) => {
    let cls: ImportClass = 'runtime';
    if (dev) cls = 'dev';
    else if (typing) cls = 'typing';
    else if (optional || tries.some((t) => catching.has(t))) cls = 'optional';
    return { ...imp, class: cls };
  });
  return {
    imports,
    hasMainGuard,
    warnings: tok.warnings,
    needs: [],
    longestLine: tok.longestLine,
    longestLineNo: tok.longestLineNo,
  };
}

/** Index of the colon that ends a compound statement's header (depth 0, not `:=`), or -1. */
function headerColon(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ':' && depth === 0 && text[i + 1] !== '=') return i;
  }
  return -1;
}

function exceptCatchesImportError(head: string): boolean {
  const m = /^except\*?\s*(.*?)(?:\s+as\s+\w+)?$/.exec(head);
  if (!m) return false;
  const spec = m[1].replace(/[()]/g, '').trim();
  if (!spec) return true; // a bare except catches the ImportError too
  return spec.split(',').some((s) => IMPORT_ERRORS.test(s.trim()));
}

function isMainGuard(head: string, strings: (string | null)[]): boolean {
  const m = /^if\s+\(?\s*(?:__name__\s*==\s*"(\d+)"|"(\d+)"\s*==\s*__name__)\s*\)?$/.exec(head);
  return !!m && strings[Number(m[1] ?? m[2])] === '__main__';
}

function parseImport(text: string, line: number): ExtractedImport[] {
  let m = /^import\s+(.+)$/.exec(text);
  if (m) {
    return m[1]
      .replace(/[()]/g, '')
      .split(',')
      .flatMap((part) => {
        const name = /^\s*([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)/.exec(part);
        return name
          ? [
              {
                module: name[1].replace(/\s+/g, ''),
                line,
                class: 'runtime' as const,
                isRelative: false,
                level: 0,
                names: [],
              },
            ]
          : [];
      });
  }
  m = /^from\s+(\.*)\s*([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)?\s*import\b(.*)$/.exec(text);
  if (!m) return [];
  const level = m[1].length;
  const names = m[3]
    .replace(/[()]/g, '')
    .split(',')
    .map((p) => /^\s*([A-Za-z_]\w*)/.exec(p)?.[1])
    .filter((x): x is string => !!x);
  return [{ module: (m[2] ?? '').replace(/\s+/g, ''), line, class: 'runtime', isRelative: level > 0, level, names }];
}
