// The launch a project documents: the commands its README shows in code, its Makefile's run/train/serve
// targets, its dvc.yaml stages, MLproject entry points and Snakefile. Each is read as a file to run and its
// arguments, so the container starts the project as its authors do (issue 26, defect 3). Pure: the node
// layer reads the files and parses the YAML ones; this module only reads text and plain data.

export type LaunchSource = 'dvc.yaml' | 'MLproject' | 'Snakefile' | 'Makefile' | 'README' | 'compose';

export interface DocumentedLaunch {
  /** The file run (project-relative): a `.py` file, a package's `__main__.py` (`python -m pkg`), a Snakefile. */
  entry: string;
  args: string[];
  /** The command as the file spells it, for the report. */
  command: string;
  /** "README.md:4", "dvc.yaml:3 (stage train)". */
  from: string;
  source: LaunchSource;
  /** Values the command needs that the file does not give (a README placeholder, a parameter without default). */
  missing?: string[];
}

/** A command split into words as a POSIX shell would (quotes removed); undefined when it has unclosed quotes. */
export function shellWords(cmd: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < cmd.length; i++) {
    const c = cmd[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < cmd.length) cur += cmd[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < cmd.length) {
      cur += cmd[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (quote) return undefined;
  if (has || cur) out.push(cur);
  return out;
}

/** `python [-u] FILE.py ARGS` or `python -m MODULE ARGS` (the first simple command of a `&&` chain). */
export interface PythonCommand {
  script?: string;
  module?: string;
  args: string[];
}

const PYTHON = /^(?:python[\d.]*|\$[({]PYTHON[)}]|\$[({]PY[)}]|py)$/;

export function pythonCommand(cmd: string): PythonCommand | undefined {
  const first = cmd.split(/&&|\|\||;/)[0];
  // A pipe, a redirection or a substitution makes it a shell program, not an entry and its arguments.
  // (`<port>` is a README placeholder, not a redirection.)
  if (/[|<>`]|\$\(/.test(first.replace(/\$\((?:PYTHON|PY)\)|<[\w .-]+>/g, ''))) return undefined;
  const words = shellWords(first.trim());
  if (!words?.length) return undefined;
  while (words.length && /^[A-Za-z_]\w*=/.test(words[0])) words.shift(); // FOO=1 python …
  if (!words.length || !PYTHON.test(words[0].replace(/^.*\//, ''))) return undefined;
  let k = 1;
  while (k < words.length && /^-[A-Za-z]+$/.test(words[k]) && words[k] !== '-m') k++;
  if (words[k] === '-m') {
    const module = words[k + 1];
    return module && /^[A-Za-z_][\w.]*$/.test(module) ? { module, args: words.slice(k + 2) } : undefined;
  }
  const script = words[k]?.replace(/^\.\//, '');
  return script?.endsWith('.py') ? { script, args: words.slice(k + 1) } : undefined;
}

/** Arguments that stand for a value the reader fills in: `<port>`, `[options]`, `{alpha}`, `PATH`, `...`. */
export function placeholders(args: readonly string[]): string[] {
  return args.filter(
    (a) =>
      /^<.*>$|^\[.*\]$|^\{.*\}$|\.\.\.|…|\/path\/to\b|^path\/to\b/i.test(a) ||
      (/^[A-Z][A-Z_]{2,}$/.test(a) && !/^[A-Z]+=/.test(a)) ||
      /^--?[\w-]+=(?:<.*>|[A-Z][A-Z_]{2,})$/.test(a),
  );
}

/** The code a Markdown or reStructuredText README shows: fenced and indented blocks, inline spans, `$` lines. */
function readmeCodeLines(text: string, markdown: boolean): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  let fence: string | undefined;
  let rstBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const f = /^\s*(```+|~~~+)/.exec(l);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      continue;
    }
    if (fence) {
      out.push({ text: l, line: i + 1 });
      continue;
    }
    if (!markdown) {
      if (/::\s*$/.test(l) || /^\s*\.\. code(?:-block)?::/.test(l)) rstBlock = true;
      else if (rstBlock && l.trim() && !/^\s/.test(l)) rstBlock = false;
      if (rstBlock && /^\s/.test(l)) out.push({ text: l, line: i + 1 });
    }
    for (const m of l.matchAll(/`([^`]+)`/g)) out.push({ text: m[1], line: i + 1 });
    if (/^\s*\$\s+/.test(l)) out.push({ text: l, line: i + 1 });
  }
  return out;
}

/** Each `python …` command a README shows in code, in the order written. */
export function readmeLaunches(file: string, text: string): DocumentedLaunch[] {
  const out: DocumentedLaunch[] = [];
  for (const { text: code, line } of readmeCodeLines(text, !/\.(rst|txt)$/i.test(file))) {
    // Prompts and notebook shell escapes: `$ python …`, `(venv) $ python …`, `>>> `, `!python …`.
    const cmd = code
      .trim()
      .replace(/^(?:\([\w.-]+\)\s*)?[$%#>]\s+/, '')
      .replace(/^!/, '');
    if (/^cd\s/.test(cmd)) continue; // run from another folder: its relative paths differ from ours
    const launch = asLaunch(cmd, `${file}:${line}`, 'README');
    if (launch) out.push(launch);
  }
  return out;
}

export function asLaunch(cmd: string, from: string, source: LaunchSource): DocumentedLaunch | undefined {
  const p = pythonCommand(cmd);
  if (!p) return undefined;
  const entry = p.script ?? `${p.module!.replace(/\./g, '/')}/__main__.py`;
  const missing = placeholders(p.args);
  return {
    entry,
    args: p.args,
    command: cmd.trim().replace(/\s+/g, ' '),
    from,
    source,
    ...(missing.length ? { missing } : {}),
  };
}

/** Makefile targets that start the project (in this order of preference). */
export const RUN_TARGETS = ['run', 'start', 'serve', 'server', 'app', 'train', 'main', 'demo', 'all'];

/** The `python …` recipes of a Makefile's run/train/serve targets, with `$(VAR)` from its simple assignments. */
export function makefileLaunches(file: string, text: string): DocumentedLaunch[] {
  const lines = text.split(/\r?\n/);
  const vars = new Map<string, string>();
  for (const l of lines) {
    const m = /^([A-Za-z_][\w]*)\s*(?::=|\?=|=)\s*(.*)$/.exec(l);
    if (m && !/^\t/.test(l)) vars.set(m[1], m[2].trim());
  }
  const expand = (s: string): string =>
    s.replace(/\$[({]([A-Za-z_]\w*)[)}]/g, (all, v: string) =>
      v === 'PYTHON' || v === 'PY' ? (vars.get(v) ?? 'python') : (vars.get(v) ?? all),
    );
  const found: { target: string; launch: DocumentedLaunch }[] = [];
  let target: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = /^([\w.-]+)\s*:(?!=)/.exec(l);
    if (t) {
      target = t[1];
      continue;
    }
    if (!/^\t/.test(l) || !target || !RUN_TARGETS.includes(target)) continue;
    const cmd = expand(l.trim().replace(/^[@-]+/, ''));
    if (/\$[({]/.test(cmd)) continue; // a variable we cannot resolve (set on the make command line)
    const launch = asLaunch(cmd, `${file}:${i + 1} (make ${target})`, 'Makefile');
    if (launch) found.push({ target, launch });
  }
  return found.sort((a, b) => RUN_TARGETS.indexOf(a.target) - RUN_TARGETS.indexOf(b.target)).map((f) => f.launch);
}

/** 1-based line of the first line of `text` holding `needle` (or of `key:` when it is not found). */
function lineOf(text: string, needle: string, key?: string): number | undefined {
  const lines = text.split(/\r?\n/);
  let i = lines.findIndex((l) => l.includes(needle));
  if (i < 0 && key) i = lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*:`).test(l));
  return i < 0 ? undefined : i + 1;
}

const PREFERRED_STAGES = ['train', 'main', 'run', 'fit', 'model'];

/**
 * dvc.yaml stages (already parsed: `stages: {name: {cmd}}`): the stage named train/main/run, else the first,
 * run as its command (`dvc repro` would need DVC and the repository's cache; the command is what it runs).
 * `${a.b}` is filled in from params.yaml as DVC's templating does. The others are listed in `others`.
 */
export function dvcLaunches(
  file: string,
  text: string,
  parsed: unknown,
  params: unknown = {},
): { launches: DocumentedLaunch[]; stages: string[] } {
  const stages = (parsed as { stages?: Record<string, { cmd?: unknown }> } | null)?.stages;
  if (!stages || typeof stages !== 'object') return { launches: [], stages: [] };
  const names = Object.keys(stages);
  const ordered = [
    ...names
      .filter((n) => PREFERRED_STAGES.includes(n))
      .sort((a, b) => PREFERRED_STAGES.indexOf(a) - PREFERRED_STAGES.indexOf(b)),
    ...names.filter((n) => !PREFERRED_STAGES.includes(n)),
  ];
  const launches: DocumentedLaunch[] = [];
  for (const name of ordered) {
    const raw = stages[name]?.cmd;
    const cmd = Array.isArray(raw) ? raw[0] : raw;
    if (typeof cmd !== 'string') continue;
    const missing: string[] = [];
    const filled = cmd.replace(/\$\{\s*([\w.]+)\s*\}/g, (all, key: string) => {
      const v = key
        .split('.')
        .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as never)[k] : undefined), params);
      if (v === undefined || typeof v === 'object') {
        missing.push(all);
        return all;
      }
      return String(v);
    });
    const line = lineOf(text, cmd, 'cmd');
    const launch = asLaunch(filled, `${file}${line ? `:${line}` : ''} (stage ${name})`, 'dvc.yaml');
    if (!launch) continue;
    if (missing.length) launch.missing = [...(launch.missing ?? []), ...missing];
    launches.push(launch);
  }
  return { launches, stages: names };
}

/** MLproject's entry points (parsed YAML): `main` first, `{param}` filled in with each parameter's default. */
export function mlprojectLaunches(file: string, text: string, parsed: unknown): DocumentedLaunch[] {
  const points = (parsed as { entry_points?: Record<string, { command?: unknown; parameters?: unknown }> } | null)
    ?.entry_points;
  if (!points || typeof points !== 'object') return [];
  const names = Object.keys(points).sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : 0));
  const out: DocumentedLaunch[] = [];
  for (const name of names) {
    const ep = points[name];
    if (typeof ep?.command !== 'string') continue;
    const params = (ep.parameters && typeof ep.parameters === 'object' ? ep.parameters : {}) as Record<string, unknown>;
    const missing: string[] = [];
    const filled = ep.command.replace(/\{(\w+)\}/g, (all, key: string) => {
      const p = params[key];
      const def = p && typeof p === 'object' ? (p as { default?: unknown }).default : undefined;
      if (def === undefined || def === null) {
        missing.push(key);
        return all;
      }
      return String(def);
    });
    const line = lineOf(text, ep.command.split('\n')[0].trim(), 'command');
    const launch = asLaunch(
      filled.replace(/\s*\\?\n\s*/g, ' '),
      `${file}${line ? `:${line}` : ''} (entry point ${name})`,
      'MLproject',
    );
    if (!launch) continue;
    if (missing.length) launch.missing = missing.map((m) => `{${m}}`);
    out.push(launch);
  }
  return out;
}

/** A Snakefile runs with `snakemake` (one core: a container run is not a cluster job). */
export function snakefileLaunch(file: string): DocumentedLaunch {
  return {
    entry: file,
    args: ['--cores', '1'],
    command: `snakemake --snakefile ${file} --cores 1`,
    from: file,
    source: 'Snakefile',
  };
}

/** Whether an entry is run by a program of its own rather than `python FILE`. */
export function entryProgram(entry: string): 'snakemake' | 'module' | undefined {
  const base = entry.slice(entry.lastIndexOf('/') + 1);
  if (base === 'Snakefile' || base.endsWith('.smk')) return 'snakemake';
  if (base === '__main__.py' && entry.includes('/')) return 'module';
  return undefined;
}
