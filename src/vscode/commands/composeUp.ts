import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { composeDown, composeUp } from '../build/compose';
import { COMPOSE_FILES, composeFileFor, resolveTarget } from '../build/target';

/** The compose file: the argument when it is one, else the one next to the target Dockerfile. */
export async function composeFileOf(arg: unknown): Promise<string> {
  const p = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  if (p && COMPOSE_FILES.includes(path.basename(p)) && fs.existsSync(p)) return p;
  const t = await resolveTarget(arg);
  const file = composeFileFor(t.dir);
  if (!file) throw new Error(`no compose file in ${t.dir}: run "Containerize Project…" to write compose.yaml`);
  return file;
}

/** "Compose Up": `compose up --build -d` as a task, then the logs in a terminal. Resolves to the exit code. */
export async function composeUpCommand(_s: Services, arg?: unknown, opts?: { logs?: boolean }): Promise<number> {
  const code = await composeUp(await composeFileOf(arg), opts);
  if (code !== 0) throw new Error(`compose up failed (exit ${code}): see the task's terminal`);
  return code;
}

/** "Compose Down". */
export async function composeDownCommand(_s: Services, arg?: unknown): Promise<number> {
  const code = await composeDown(await composeFileOf(arg));
  if (code !== 0) throw new Error(`compose down failed (exit ${code}): see the task's terminal`);
  return code;
}
