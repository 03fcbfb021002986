import * as vscode from 'vscode';
import { Services } from '../services';
import { runInTerminal } from '../build/runTerminal';
import { resolveTarget } from '../build/target';

/** "Open Jupyter": opens the running server of this project, starting one when none runs. */
export async function openJupyter(s: Services, arg?: unknown, opts?: { open?: boolean }): Promise<string> {
  const t = await resolveTarget(arg);
  let run = [...s.buildRun.runs].find((r) => r.tag === t.tag && r.mode === 'jupyter');
  if (!run) {
    run = await runInTerminal(s, t);
    if (run.mode !== 'jupyter') throw new Error(`${t.tag} does not run Jupyter (its command is not a notebook server)`);
  }
  const url = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Waiting for Jupyter…' }, () => run.url);
  if (!url) throw new Error(`Jupyter in ${t.tag} stopped before printing its URL: see the terminal`);
  if (opts?.open !== false) await vscode.env.openExternal(vscode.Uri.parse(url));
  return url;
}
