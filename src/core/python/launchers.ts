import type { RuntimeNeed } from './runtimeNeeds';
import { PIP_VALUED_OPTIONS } from '../requirements/pipOptions';

/**
 * Servers and workers started outside Python: shell scripts, Procfile, Makefile recipes, a compose
 * file's `command:`/`entrypoint:`, an existing Dockerfile's RUN/CMD/ENTRYPOINT. Only a word in command
 * position counts (line start, after `exec`, `&&`, `;`, `|`, `$(` or as the first item of an exec-form
 * array), so an `echo "run gunicorn"` or a comment never fires.
 */
const COMMANDS: Record<string, string> = {
  gunicorn: 'gunicorn',
  uvicorn: 'uvicorn',
  hypercorn: 'hypercorn',
  daphne: 'daphne',
  'waitress-serve': 'waitress',
  streamlit: 'streamlit',
  panel: 'panel',
  voila: 'voila',
  celery: 'celery',
  flower: 'flower',
  rq: 'rq',
  dramatiq: 'dramatiq',
  huey_consumer: 'huey',
  mlflow: 'mlflow',
  bokeh: 'bokeh',
  gradio: 'gradio',
  chainlit: 'chainlit',
  dask: 'distributed',
  'dask-scheduler': 'distributed',
  'dask-worker': 'distributed',
  jupyter: 'jupyterlab',
  'jupyter-lab': 'jupyterlab',
  alembic: 'alembic',
  fastapi: 'fastapi-cli',
  prefect: 'prefect',
  dagster: 'dagster',
  airflow: 'apache-airflow',
};
// Subcommands that are a separate distribution: `celery flower`.
const SUBCOMMANDS: Record<string, Record<string, string>> = { celery: { flower: 'flower' } };

export type LauncherKind = 'shell' | 'procfile' | 'makefile' | 'compose' | 'dockerfile';

/** The kind of launcher a project file is, from its name; undefined when it is none. */
export function launcherKind(file: string): LauncherKind | undefined {
  const base = file.slice(file.lastIndexOf('/') + 1);
  if (/\.(sh|bash)$/.test(base)) return 'shell';
  if (base === 'Procfile') return 'procfile';
  if (base === 'Makefile' || base === 'makefile' || base === 'GNUmakefile') return 'makefile';
  if (/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(base)) return 'compose';
  if (base === 'Dockerfile' || /^Dockerfile\.[\w-]+$/.test(base) || /\.Dockerfile$/.test(base)) return 'dockerfile';
  return undefined;
}

export interface LauncherFacts {
  needs: RuntimeNeed[];
  /** `python -m MOD` modules, as import sites (their distributions resolve like imports). */
  modules: { module: string; line: number }[];
  /** `pip install X` in a Dockerfile RUN: what the project already installs. */
  pipInstalls: { spec: string; name: string; line: number }[];
}

/** Commands of one launcher file, each with its 1-based line. */
function commandLines(kind: LauncherKind, text: string): { cmd: string; line: number }[] {
  const out: { cmd: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  const prebuilt = kind === 'compose' ? prebuiltServiceLines(lines) : new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i];
    while (l.endsWith('\\') && i + 1 < lines.length) l = l.slice(0, -1) + ' ' + lines[++i];
    const t = l.trim();
    if (!t || t.startsWith('#')) continue;
    if (kind === 'procfile') {
      const m = /^[\w-]+\s*:\s*(.*)$/.exec(t);
      if (m) out.push({ cmd: m[1], line: i + 1 });
      continue;
    }
    if (kind === 'makefile') {
      if (/^\t/.test(l)) out.push({ cmd: t.replace(/^[@-]+/, ''), line: i + 1 });
      continue;
    }
    if (kind === 'compose') {
      if (prebuilt.has(i)) continue;
      const m = /^-?\s*(?:command|entrypoint)\s*:\s*(.+)$/.exec(t);
      if (m) out.push({ cmd: yamlCommand(m[1]), line: i + 1 });
      continue;
    }
    if (kind === 'dockerfile') {
      const m = /^(RUN|CMD|ENTRYPOINT)\s+(.*)$/i.exec(t);
      if (m) out.push({ cmd: m[2].startsWith('[') ? execForm(m[2]) : m[2], line: i + 1 });
      continue;
    }
    out.push({ cmd: t, line: i + 1 });
  }
  return out;
}

/**
 * Lines of compose services that run an image built elsewhere (`image:` and no `build:`, directly or through
 * a `<<: *anchor` merge): their commands are that image's programs (`celery worker` on apache/airflow,
 * `redis-server` on redis), not the project's requirements. Compose spec: a service with `build` is built
 * from the project; one with only `image` is pulled.
 */
function prebuiltServiceLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  const anchors = new Map<string, { image: boolean; build: boolean }>();
  // Top-level blocks (`x-airflow-common: &airflow-common` or with the anchor on the next line).
  for (let i = 0; i < lines.length; i++) {
    const top = /^[\w.-]+\s*:\s*(?:&([\w-]+))?\s*$/.exec(lines[i]);
    if (!top) continue;
    let anchor = top[1];
    let image = false,
      build = false;
    for (let j = i + 1; j < lines.length && (/^\s/.test(lines[j]) || !lines[j].trim()); j++) {
      const a = /^\s+&([\w-]+)\s*$/.exec(lines[j]);
      if (a && !anchor) anchor = a[1];
      if (/^\s{2}image\s*:/.test(lines[j])) image = true;
      if (/^\s{2}build\s*:/.test(lines[j])) build = true;
    }
    if (anchor) anchors.set(anchor, { image, build });
  }
  const start = lines.findIndex((l) => /^services\s*:\s*$/.test(l));
  if (start < 0) return out;
  let indent = -1;
  let block: number[] = [];
  let image = false,
    build = false;
  const flush = (): void => {
    if (image && !build) for (const k of block) out.add(k);
    block = [];
    image = build = false;
  };
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim() || /^\s*#/.test(l)) continue;
    const lead = /^\s*/.exec(l)![0].length;
    if (lead === 0) break;
    if (indent < 0) indent = lead;
    if (lead === indent) {
      flush();
      continue;
    }
    block.push(i);
    if (lead > indent && /^\s*image\s*:/.test(l)) image = true;
    if (lead > indent && /^\s*build\s*:/.test(l)) build = true;
    const merge = /^\s*<<\s*:\s*\*([\w-]+)/.exec(l);
    const a = merge && anchors.get(merge[1]);
    if (a) {
      image ||= a.image;
      build ||= a.build;
    }
  }
  flush();
  return out;
}

function execForm(s: string): string {
  try {
    const a = JSON.parse(s) as unknown;
    if (Array.isArray(a)) return a.filter((x) => typeof x === 'string').join(' ');
  } catch {
    /* not JSON: shell form */
  }
  return s;
}

function yamlCommand(v: string): string {
  const s = v.trim();
  if (s.startsWith('['))
    return s
      .slice(1, s.lastIndexOf(']'))
      .split(',')
      .map((x) => x.trim().replace(/^["']|["']$/g, ''))
      .join(' ');
  return s.replace(/^["']|["']$/g, '');
}

/** The needs, `python -m` modules and pip installs of one launcher file. */
export function launcherFacts(kind: LauncherKind, text: string): LauncherFacts {
  const facts: LauncherFacts = { needs: [], modules: [], pipInstalls: [] };
  for (const { cmd, line } of commandLines(kind, text)) {
    // Split into simple commands; quoted arguments (echo "…") are blanked so they cannot look like commands.
    const unquoted = cmd.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, (q) =>
      /^["']\$|^["'][\w./:-]*["']$/.test(q) ? q.slice(1, -1) : '""',
    );
    for (const part of unquoted.split(/&&|\|\||;|\||\$\(|`/)) {
      const words = part.trim().split(/\s+/).filter(Boolean);
      while (
        words.length &&
        (/^\w+=/.test(words[0]) || ['exec', 'nohup', 'sudo', 'time', 'env', 'then', 'do', 'else'].includes(words[0]))
      )
        words.shift();
      if (!words.length) continue;
      const w0 = words[0].replace(/^.*\//, '');
      if (/^python[\d.]*$/.test(w0)) {
        // `-m` is the interpreter's only while no script came first: in `python train.py -m gpt2` it is the
        // script's own option (python(1): arguments after the script name are passed to the script).
        const script = words.findIndex((w, i) => i > 0 && !w.startsWith('-'));
        const k = words.indexOf('-m');
        if (k > 0 && script > 0 && script < k) continue;
        const mod = k > 0 ? words[k + 1] : undefined;
        if (mod && /^[A-Za-z_][\w.]*$/.test(mod)) {
          if (mod === 'pip' && kind === 'dockerfile') pipArgs(words.slice(k + 2), line, facts);
          else if (mod !== 'pip') facts.modules.push({ module: mod, line });
          if (mod === 'spacy' && words[k + 2] === 'download' && words[k + 3]) {
            facts.needs.push({
              name: words[k + 3],
              reason: `python -m spacy download ${words[k + 3]} (a pipeline package, installed by that command)`,
              line,
              kind: 'report',
            });
          }
        }
        continue;
      }
      if (/^pip3?$/.test(w0)) {
        if (kind === 'dockerfile') pipArgs(words.slice(1), line, facts);
        continue;
      }
      const dist = COMMANDS[w0];
      if (!dist) continue;
      if (w0 === 'panel' && words[1] !== 'serve') continue;
      if (w0 === 'jupyter' && !/^(lab|notebook|nbconvert|server|execute)$/.test(words[1] ?? '')) continue;
      if (w0 === 'dask' && words[1] !== 'scheduler' && words[1] !== 'worker') continue;
      facts.needs.push({ name: dist, reason: `runs \`${words.slice(0, 3).join(' ')}\``, line, kind: 'install' });
      const sub = SUBCOMMANDS[w0];
      for (const w of words.slice(1))
        if (sub?.[w]) facts.needs.push({ name: sub[w], reason: `runs \`${w0} … ${w}\``, line, kind: 'install' });
    }
  }
  return facts;
}

function pipArgs(words: string[], line: number, facts: LauncherFacts): void {
  if (words[0] !== 'install') return;
  for (let k = 1; k < words.length; k++) {
    const w = words[k].replace(/^["']|["']$/g, '');
    if (w.startsWith('-')) {
      if (PIP_VALUED_OPTIONS.has(w)) k++;
      continue;
    }
    if (/[$/{}]/.test(w) || w.startsWith('.')) continue;
    const name = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(w)?.[1];
    if (name && name !== 'pip' && name !== 'pipenv' && name !== 'uv' && name !== 'setuptools' && name !== 'wheel')
      facts.pipInstalls.push({ spec: w, name, line });
  }
}
