import * as path from 'path';
import * as vscode from 'vscode';
import { composeUserEnv, detectCompose } from '../../node/compose';
import {
  ComposeFlavor,
  ComposeTarget,
  composeDownArgv,
  composeLogsArgv,
  composeUpArgv,
} from '../../core/docker/compose';

let flavor: ComposeFlavor | undefined;

/** `docker compose` (v2) or `docker-compose` (v1), detected once per session (off the extension host's thread). */
export async function composeFlavor(): Promise<ComposeFlavor> {
  flavor ??= await detectCompose();
  if (!flavor)
    throw new Error(
      'neither `docker compose` (v2) nor `docker-compose` (v1) is installed: install the Docker Compose plugin',
    );
  return flavor;
}

/** Runs one compose argv as a VS Code task (a process, no shell) and resolves to its exit code. */
export async function runComposeTask(name: string, argv: string[], cwd: string): Promise<number> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(cwd)) ?? vscode.TaskScope.Workspace;
  const task = new vscode.Task(
    { type: 'dsContainers.compose', argv },
    folder,
    name,
    'Data Science Containers',
    new vscode.ProcessExecution(argv[0], argv.slice(1), { cwd, env: composeUserEnv() }),
  );
  task.presentationOptions = {
    reveal: vscode.TaskRevealKind.Always,
    panel: vscode.TaskPanelKind.Dedicated,
    clear: true,
  };
  const exec = await vscode.tasks.executeTask(task);
  return new Promise((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution === exec) {
        sub.dispose();
        resolve(e.exitCode ?? 1);
      }
    });
  });
}

function target(file: string): ComposeTarget {
  return { file };
}

export async function composeUp(file: string, opts: { logs?: boolean } = {}): Promise<number> {
  const f = await composeFlavor();
  const code = await runComposeTask(
    `Compose Up (${path.basename(path.dirname(file))})`,
    composeUpArgv(f, target(file)),
    path.dirname(file),
  );
  if (code === 0 && opts.logs !== false) {
    const argv = composeLogsArgv(f, target(file));
    vscode.window
      .createTerminal({
        name: `Compose logs (${path.basename(path.dirname(file))})`,
        shellPath: argv[0],
        shellArgs: argv.slice(1),
        cwd: path.dirname(file),
      })
      .show(true);
  }
  return code;
}

export async function composeDown(file: string): Promise<number> {
  return runComposeTask(
    `Compose Down (${path.basename(path.dirname(file))})`,
    composeDownArgv(await composeFlavor(), target(file)),
    path.dirname(file),
  );
}
