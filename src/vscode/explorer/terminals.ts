import * as vscode from 'vscode';
import { TtySession } from '../../core/docker/types';
import { Engine } from '../../node/docker/engine';
import { colourLogText } from '../../core/docker/logColour';

const note = (t: string) => `\r\n\x1b[2m${t}\x1b[0m\r\n`;

/** A terminal following a container's logs over the engine (works for every endpoint); closing it stops following. */
export function logsTerminal(engine: Engine, id: string, name: string): vscode.Terminal {
  const write = new vscode.EventEmitter<string>();
  const ac = new AbortController();
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    open: () => {
      engine
        .followLogs(id, (t) => write.fire(colourLogText(t)), ac.signal)
        .then(() => {
          if (!ac.signal.aborted) write.fire(note('[the container stopped; logs ended]'));
        })
        .catch((e: Error) => write.fire(note(`[logs ended: ${e.message}]`)));
    },
    close: () => {
      ac.abort();
      write.dispose();
    },
  };
  return vscode.window.createTerminal({ name: `Logs: ${name}`, pty, iconPath: new vscode.ThemeIcon('output') });
}

/** A terminal over an engine TTY session (exec shell or interactive run); it closes when the process exits. */
export function ttyTerminal(
  name: string,
  icon: string,
  start: (size?: { cols: number; rows: number }) => Promise<TtySession>,
): vscode.Terminal {
  const write = new vscode.EventEmitter<string>();
  const close = new vscode.EventEmitter<number | void>();
  let session: TtySession | undefined;
  let size: { cols: number; rows: number } | undefined;
  const pty: vscode.Pseudoterminal = {
    onDidWrite: write.event,
    onDidClose: close.event,
    open: (dims) => {
      size = dims ? { cols: dims.columns, rows: dims.rows } : undefined;
      start(size).then(
        (s) => {
          session = s;
          s.onData((t) => write.fire(t));
          s.onExit((code) => {
            write.fire(note(`[exited${code === undefined ? '' : ` with code ${code}`}]`));
            close.fire(code ?? undefined);
          });
          if (size) s.resize(size.cols, size.rows);
        },
        (e: Error) => write.fire(note(`[could not start: ${e.message}]`)),
      );
    },
    handleInput: (data) => session?.write(data),
    setDimensions: (d) => {
      size = { cols: d.columns, rows: d.rows };
      session?.resize(d.columns, d.rows);
    },
    close: () => session?.close(),
  };
  return vscode.window.createTerminal({ name, pty, iconPath: new vscode.ThemeIcon(icon) });
}
