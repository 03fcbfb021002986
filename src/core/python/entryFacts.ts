// What a candidate entry file asks of its launch, read from its text (a line-level look, not a parse): whether
// it demands command-line arguments (argparse, click, sys.argv), and what its `if __name__ == "__main__":`
// block does: an app whose main loads its model before `app.run()` must be started with `python FILE`, since
// `flask run` imports the module and never runs that block (issue 26, defect 3).

/** Arguments the file cannot run without, and where it says so (1-based line). */
export interface ArgvDemand {
  line: number;
  /** "--epochs is required", "a positional argument `data`", "sys.argv[1]". */
  what: string;
}

/** The main block's server start: `app.run(host=…, port=…)`, `uvicorn.run(app, …)`. */
export interface MainServe {
  line: number;
  /** The host it binds, as written (a literal without quotes, or the expression); absent: the library's default. */
  host?: string;
  /** A port literal the call passes (`port=8080`, or the default of `os.environ.get("PORT", 8080)`). */
  port?: number;
  /** The port comes from the command line (`port=int(sys.argv[1])`, `args.port`). */
  portFromArgv?: boolean;
}

export interface MainFacts {
  /** Line of the guard. */
  line: number;
  serve?: MainServe;
  /** The block does more than start the server (loads a model, sets globals): `flask run` would skip it. */
  setsUp: boolean;
  /** The first statement that does so, for the report. */
  setupLine?: number;
}

const GUARD = /^if\s+__name__\s*==\s*["']__main__["']\s*:|^if\s+["']__main__["']\s*==\s*__name__\s*:/;
// `app.run(`, `flask_app.run(`, `server.run_server(`, `socketio.run(app`, `uvicorn.run(app`.
const SERVER_CALL = /\b(?:app|application|server|api|uvicorn|socketio|[A-Za-z_]*_app)\.(?:run|run_server)\s*\(/;
// Statements that leave nothing a server needs: imports, prints, logging, host/port/debug settings, pass.
const HARMLESS =
  /^(?:import\s|from\s|print\s*\(|logging\.|logger\.|log\.|pass$|(?:host|port|debug|HOST|PORT|DEBUG)\s*=|#)/;

/** Each call's text from `start` (an index of `(`) to its matching `)`, for keyword arguments over several lines. */
function callText(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * Command-line arguments the file cannot start without: an argparse positional (no `nargs='?'`/`'*'`, no
 * default) or option with `required=True`, a click argument without a default or a required option, or a
 * `sys.argv[N]` read with no `len(sys.argv)` check and no `IndexError` handler anywhere in the file.
 */
export function argvDemand(source: string): ArgvDemand | undefined {
  for (const m of source.matchAll(/\badd_argument\s*\(/g)) {
    const body = callText(source, m.index + m[0].length - 1);
    const first = /^\s*(['"])([^'"]+)\1/.exec(body)?.[2];
    if (!first) continue;
    const optional =
      /\bnargs\s*=\s*['"][?*]['"]|\bdefault\s*=|\baction\s*=\s*['"](?:store_true|store_false|count|help|version)/;
    if (!first.startsWith('-')) {
      if (!optional.test(body)) return { line: lineAt(source, m.index), what: `the argument ${first}` };
    } else if (/\brequired\s*=\s*True\b/.test(body)) {
      const long = /(['"])(--[\w-]+)\1/.exec(body)?.[2] ?? first;
      return { line: lineAt(source, m.index), what: `${long} is required` };
    }
  }
  for (const m of source.matchAll(/@click\.(argument|option)\s*\(/g)) {
    const body = callText(source, m.index + m[0].length - 1);
    const name = /^\s*(['"])([^'"]+)\1/.exec(body)?.[2] ?? '';
    const demands =
      m[1] === 'argument'
        ? !/\bdefault\s*=|\brequired\s*=\s*False\b|\bnargs\s*=\s*-1/.test(body)
        : /\brequired\s*=\s*True\b/.test(body);
    if (demands)
      return {
        line: lineAt(source, m.index),
        what: m[1] === 'argument' ? `the argument ${name}` : `${name} is required`,
      };
  }
  const argv = /\bsys\.argv\s*\[\s*([1-9])\s*\]/.exec(source);
  if (argv && !/\blen\s*\(\s*sys\.argv\s*\)/.test(source) && !/\bIndexError\b/.test(source))
    return { line: lineAt(source, argv.index), what: `sys.argv[${argv[1]}]` };
  return undefined;
}

/** What the file's `if __name__ == "__main__":` block does (undefined: it has none at the top level). */
export function mainFacts(source: string): MainFacts | undefined {
  const lines = source.split(/\r?\n/);
  const at = lines.findIndex((l) => GUARD.test(l));
  if (at < 0) return undefined;
  const block: { text: string; line: number }[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l.trim()) continue;
    if (!/^\s/.test(l)) break;
    block.push({ text: l.trim(), line: i + 1 });
  }
  const facts: MainFacts = { line: at + 1, setsUp: false };
  const blockText = block.map((b) => b.text).join('\n');
  const serveAt = block.find((b) => SERVER_CALL.test(b.text));
  if (serveAt) {
    const start = blockText.indexOf(serveAt.text);
    const open = blockText.indexOf('(', start + serveAt.text.search(SERVER_CALL));
    const args = callText(blockText, open);
    facts.serve = { line: serveAt.line, ...hostPort(args, blockText) };
  }
  for (const b of block) {
    if (b === serveAt) break;
    // Continuation lines of a multi-line call start with a keyword argument or a closing bracket.
    if (HARMLESS.test(b.text) || /^[)\]}]/.test(b.text) || /^\w+\s*=\s*[^=]*,\s*$/.test(b.text)) continue;
    facts.setsUp = true;
    facts.setupLine = b.line;
    break;
  }
  return facts;
}

function hostPort(args: string, block: string): Omit<MainServe, 'line'> {
  const out: Omit<MainServe, 'line'> = {};
  const host = /\bhost\s*=\s*([^,)\n]+)/.exec(args)?.[1]?.trim() ?? /^\s*(['"][^'"]*['"])/.exec(args)?.[1];
  if (host) out.host = host.replace(/^(['"])(.*)\1$/, '$2');
  const port = /\bport\s*=\s*([^,)\n]+(?:\([^)]*\))?[^,)\n]*)/.exec(args)?.[1]?.trim();
  const named = port && /^[A-Za-z_]\w*$/.test(port) ? new RegExp(`^${port}\\s*=\\s*(.+)$`, 'm').exec(block)?.[1] : '';
  const expr = named || port || '';
  if (/sys\.argv|\bargs\.\w+|\bopts?\.\w+/.test(expr)) out.portFromArgv = true;
  const literal = /^(\d{2,5})$/.exec(expr)?.[1] ?? /\(\s*["']PORT["']\s*,\s*["']?(\d{2,5})["']?\s*\)/.exec(expr)?.[1];
  if (literal) out.port = Number(literal);
  return out;
}

/** True when `host` (as written) binds every interface, or is an expression this look cannot judge. */
export function bindsAll(host: string | undefined): boolean {
  if (host === undefined) return false;
  if (host === '0.0.0.0' || host === '::' || host === '') return true;
  return !/^(?:127\.0\.0\.1|localhost|::1)$/.test(host);
}
