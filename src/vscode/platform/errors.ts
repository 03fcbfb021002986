import * as vscode from 'vscode';
import { Log } from './log';

/** Thrown (or rejected) when the user dismisses a prompt: the boundary stays silent. */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** A cancel the user asked for: a dismissed prompt, a cancelled progress, an aborted job (node/cancelled.ts). */
function isCancel(e: unknown): boolean {
  return (
    e instanceof UserCancelled ||
    e instanceof vscode.CancellationError ||
    (e as Error | undefined)?.name === 'AbortError'
  );
}

/**
 * The one error boundary around command handlers: logs the stack, shows one message with
 * "Show Logs", and keeps a user's cancel silent. Returns the handler's result, or undefined on failure.
 */
export function guard<A extends unknown[], R>(log: Log, what: string, fn: (...args: A) => R | Promise<R>) {
  return async (...args: A): Promise<R | undefined> => {
    try {
      return await fn(...args);
    } catch (e) {
      if (isCancel(e)) return undefined;
      const msg = e instanceof Error ? e.message : String(e);
      log.error(`${what} failed: ${e instanceof Error && e.stack ? e.stack : msg}`);
      void vscode.window.showErrorMessage(`${what}: ${msg}`, 'Show Logs').then((pick) => {
        if (pick) log.show();
      });
      return undefined;
    }
  };
}
