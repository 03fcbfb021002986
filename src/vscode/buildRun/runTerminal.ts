import * as vscode from 'vscode';
import { Services } from '../services';
import { runModeOf, runProject } from '../../node/docker/run';
import { outputsLine } from '../../node/written';
import { RunHandle } from './state';
import { BuildTarget } from '../platform/target';
import { jupyterBaseUrl, offerJupyter } from './jupyter';

/**
 * Runs the built image in a pseudoterminal: output streams in, the container's exit code ends
 * it, closing the terminal stops (and removes) the container. A Jupyter URL is offered with
 * "Open in Browser". Resolves once the container has started.
 */
export async function runInTerminal(
  s: Services,
  t: BuildTarget,
  opts: { args?: string[]; mount?: boolean; show?: boolean; offer?: boolean } = {},
): Promise<RunHandle> {
  const engine = s.engine.get();
  if (!(await engine.imageSummary(t.tag))) throw new Error(`image ${t.tag} is not built yet: run "Build Image" first`);
  const mode = runModeOf(await engine.imageRunConfig(t.tag));
  const ac = new AbortController();
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  let ended = false;
  let resolveUrl!: (u: string | undefined) => void;
  const url = new Promise<string | undefined>((r) => (resolveUrl = r));
  let started!: (id: string) => void;
  let failed!: (e: unknown) => void;
  const start = new Promise<string>((res, rej) => {
    started = res;
    failed = rej;
  });
  const out = (text: string) => write.fire(text.replace(/\r?\n/g, '\r\n'));
  // The last line the program wrote to stderr: a crash's cause ("ValueError: …") for the failure message.
  let lastError = '';

  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: () => undefined,
    close: () => {
      if (!ended) ac.abort();
    },
    handleInput: (data) => {
      if (ended) close.fire();
      else if (data === '\x03') ac.abort();
    },
  };
  const terminal = vscode.window.createTerminal({ name: `Run ${t.tag}`, pty });
  if (opts.show !== false) terminal.show(true);
  out(
    `\x1b[2mds-containers: running ${t.tag}${opts.args?.length ? ` with ${JSON.stringify(opts.args)}` : ''}\x1b[0m\n`,
  );
  const exit = runProject(engine, {
    dir: t.dir,
    tag: t.tag,
    args: opts.args,
    mount: opts.mount,
    signal: ac.signal,
    onOutput: (stream, text) => {
      out(text);
      const line =
        stream === 'stderr'
          ? text
              .split(/\r?\n/)
              .filter((l) => l.trim())
              .pop()
          : undefined;
      if (line) lastError = line.trim();
    },
    onStarted: (id) => started(id),
    // As in the CLI: the URL once the server answers, never under a server that died at startup.
    onReady: (ports) => {
      for (const [c, h] of ports) out(`\x1b[2mport ${c} → http://127.0.0.1:${h}\x1b[0m\n`);
    },
    // A remote editor reaches the port through its proxy: Jupyter is told that path as its base URL.
    jupyterBaseUrl: (port) => jupyterBaseUrl(port),
    onNote: (line) => out(`\x1b[2m${line}\x1b[0m\n`),
    onJupyter: (u) => {
      resolveUrl(u.hostUrl);
      s.log.info(`Jupyter is ready: ${u.hostUrl}`);
      if (opts.offer !== false) offerJupyter(s, u.hostUrl, t.tag);
    },
  }).then(
    (r) => {
      ended = true;
      if (r.written) out(`\n\x1b[2m${outputsLine(t.dir, r.written)}\x1b[0m`);
      out(
        `\n\x1b[2m[${ac.signal.aborted ? 'stopped; the container is removed' : `exited with code ${r.exitCode}`}] ` +
          'press any key to close\x1b[0m\n',
      );
      resolveUrl(undefined);
      if (r.exitCode !== 0 && !ac.signal.aborted) reportCrash(s, t.tag, r.exitCode, lastError, terminal);
      return r.exitCode;
    },
    (e) => {
      ended = true;
      failed(e);
      out(`\n\x1b[31m${e instanceof Error ? e.message : String(e)}\x1b[0m\n`);
      resolveUrl(undefined);
      throw e;
    },
  );
  exit.catch(() => undefined);
  const handle: RunHandle = { id: await start, tag: t.tag, dir: t.dir, mode, exit, url, stop: () => ac.abort() };
  s.buildRun.runs.add(handle);
  void exit.finally(() => s.buildRun.runs.delete(handle)).catch(() => undefined);
  return handle;
}

/** A run that ended with a non-zero code is a failure, said as one, with its cause and the way to its output. */
function reportCrash(s: Services, tag: string, code: number, cause: string, terminal: vscode.Terminal): void {
  const message = `${tag} exited with code ${code}${cause ? `: ${cause}` : ''}`;
  s.log.error(message);
  void vscode.window.showErrorMessage(message, 'Show Output', 'Show Logs').then((pick) => {
    if (pick === 'Show Output') terminal.show();
    if (pick === 'Show Logs') s.log.show();
  });
}
