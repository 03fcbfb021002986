import * as vscode from 'vscode';

// Shared by the editor suites. Polling: providers answer asynchronously, so tests wait for a state, never a time.
// `seen` describes the state when the wait gives up, so a failure says what was there instead.
export async function until<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 60000,
  seen?: () => string | Promise<string>,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${seen ? `; saw: ${await seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Quick fixes offered on a diagnostic's range (the command does not return their diagnostics, so callers pick by title). */
export async function fixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  return (
    (await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
      vscode.CodeActionKind.QuickFix.value,
    )) ?? []
  );
}
