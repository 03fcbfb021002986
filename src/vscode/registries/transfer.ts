// Push and pull with a cancellable progress notification that shows the engine's condensed lines.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { TransferResult, transferImage } from '../../node/registry/transfer';

/** Pushes or pulls `ref` with the credentials Docker keeps; a refusal rejects with its one-line reason. */
export function transferWithProgress(
  s: Services,
  kind: 'push' | 'pull',
  ref: string,
  loginHint: string,
): Promise<TransferResult> {
  const engine = s.engine.get();
  return Promise.resolve(
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `${kind === 'push' ? 'Pushing' : 'Pulling'} ${ref}`,
        cancellable: true,
      },
      (progress, token) => {
        const ac = new AbortController();
        token.onCancellationRequested(() => ac.abort());
        return transferImage(engine, kind, ref, {
          env: process.env,
          loginHint,
          signal: ac.signal,
          onLine: (line) => {
            s.log.info(`${kind} ${ref}: ${line}`);
            progress.report({ message: line });
          },
        });
      },
    ),
  );
}
