// The project's build-and-run commands (palette, explorer context menu, CodeLens). All of them
// build or run the folder's code, so all need a trusted workspace.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandSpec, Services } from '../services';
import { buildWithProgress } from '../platform/buildImage';
import { checkImportsWithProgress } from './checkImports';
import { explainImageSize } from './imageSize';
import { composeDown, composeUp } from './compose';
import { containerize, ContainerizeOptions } from './containerize';
import { runInTerminal } from './runTerminal';
import { COMPOSE_FILE_NAMES } from '../../core/projectFiles';
import { composeFileFor, resolveTarget } from '../platform/target';
import { jupyterUrlOf, openInBrowser, pickRunningJupyter } from './jupyter';
import { UserCancelled } from '../platform/errors';
import { workspaceProjects } from '../platform/projects';
import { stoppedJupyterProjects } from '../../core/docker/jupyter';
import type { TreeNode } from '../../core/docker/tree';

/** The compose file: the argument when it is one, else the one next to the target Dockerfile. */
async function composeFileOf(arg: unknown): Promise<string> {
  const p = arg instanceof vscode.Uri ? arg.fsPath : undefined;
  if (p && (COMPOSE_FILE_NAMES as readonly string[]).includes(path.basename(p)) && fs.existsSync(p)) return p;
  const t = await resolveTarget(arg);
  const file = composeFileFor(t.dir);
  if (!file) throw new Error(`no compose file in ${t.dir}: run "Containerize Project…" to write compose.yaml`);
  return file;
}

/**
 * "Open Jupyter": a running Jupyter server (this workspace's first; a pick when several run). With
 * a project (Dockerfile or folder argument) it is that project's, started when none runs; from the
 * palette it never starts anything, least of all the image of whatever editor is active.
 */
async function openJupyter(s: Services, arg?: unknown, opts?: { open?: boolean }): Promise<string> {
  let url: string | undefined;
  if (arg !== undefined) {
    const t = await resolveTarget(arg);
    const running = await pickRunningJupyter(s, t.dir);
    if (running) url = await jupyterUrlOf(s, running);
    else {
      const run = await runInTerminal(s, t);
      if (run.mode !== 'jupyter') {
        run.stop();
        throw new Error(`${t.tag} does not run Jupyter (its command is not a notebook server)`);
      }
      url = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Waiting for Jupyter…' },
        () => run.url,
      );
      if (!url) throw new Error(`Jupyter in ${t.tag} stopped before printing its URL: see the terminal`);
    }
  } else {
    const running = await pickRunningJupyter(s);
    // A stopped Jupyter of a project here: start it again rather than send the user back to Containerize.
    const stopped = running
      ? []
      : stoppedJupyterProjects(await s.engine.get().listContainers(), await workspaceProjects());
    if (!running && stopped.length) {
      const start = `Start Jupyter (${path.basename(stopped[0])})`;
      const pick = await vscode.window.showInformationMessage(
        `No Jupyter server is running; ${path.basename(stopped[0])}'s is stopped.`,
        start,
      );
      if (pick !== start) throw new UserCancelled();
      return openJupyter(s, vscode.Uri.file(stopped[0]), opts);
    }
    if (!running) {
      const pick = await vscode.window.showInformationMessage(
        'No Jupyter server is running. Containerize a notebook project to start one.',
        'Containerize Project…',
      );
      if (pick) await vscode.commands.executeCommand('dsContainers.project.containerize');
      throw new UserCancelled();
    }
    url = await jupyterUrlOf(s, running);
  }
  if (!url) throw new Error('the Jupyter server has not printed its URL yet: see its logs');
  if (opts?.open !== false) await openInBrowser(url);
  return url;
}

export const buildRunCommands: CommandSpec[] = [
  {
    // From the palette (no argument), a folder in the explorer, or tests (options).
    id: 'dsContainers.project.containerize',
    title: 'Containerize Project…',
    needsTrust: true,
    // A Project-view row (its project) or a folder Uri names the folder; options come from tests.
    handler: (s, arg?: vscode.Uri | ContainerizeOptions | TreeNode) =>
      containerize(
        s,
        arg instanceof vscode.Uri
          ? { folder: arg }
          : arg && 'project' in arg && arg.project
            ? { folder: arg.project }
            : ((arg as ContainerizeOptions | undefined) ?? {}),
      ),
  },
  {
    // The Dockerfile from the argument (explorer, CodeLens), the editor, or the workspace.
    id: 'dsContainers.project.build',
    title: 'Build Image',
    needsTrust: true,
    // After a success, Lock Environment is offered (not awaited) unless the lock is current, and a push
    // when a registry is known: lock/ and registries/ make the offers on the build event.
    handler: async (s, arg?: unknown) => buildWithProgress(s, await resolveTarget(arg), { offer: true }),
  },
  {
    // In a terminal (closing it stops the container). An image never built is built first; a failed build runs nothing.
    id: 'dsContainers.project.run',
    title: 'Run Image',
    needsTrust: true,
    handler: async (s, arg?: unknown, opts?: { args?: string[]; mount?: boolean }) => {
      const t = await resolveTarget(arg);
      if (!(await s.engine.get().imageSummary(t.tag)) && !(await buildWithProgress(s, t)).ok) return undefined;
      return runInTerminal(s, t, opts);
    },
  },
  {
    // `compose up --build -d` as a task, then the logs in a terminal. Resolves to the exit code.
    id: 'dsContainers.compose.up',
    title: 'Compose Up',
    needsTrust: true,
    handler: async (_s, arg?: unknown, opts?: { logs?: boolean }) => {
      const code = await composeUp(await composeFileOf(arg), opts);
      if (code !== 0) throw new Error(`compose up failed (exit ${code}): see the task's terminal`);
      return code;
    },
  },
  {
    id: 'dsContainers.compose.down',
    title: 'Compose Down',
    needsTrust: true,
    handler: async (_s, arg?: unknown) => {
      const code = await composeDown(await composeFileOf(arg));
      if (code !== 0) throw new Error(`compose down failed (exit ${code}): see the task's terminal`);
      return code;
    },
  },
  { id: 'dsContainers.project.openJupyter', title: 'Open Jupyter', needsTrust: true, handler: openJupyter },
  {
    // The Project view's "Last build failed" row: the same build, for the project of the row.
    id: 'dsContainers.project.retryBuild',
    title: 'Retry Build',
    needsTrust: true,
    handler: async (_s, node?: TreeNode) =>
      vscode.commands.executeCommand('dsContainers.project.build', (await resolveTarget(node)).dockerfile),
  },
  {
    // The Project view's "Image size" row, and the palette: the size advisor on the project's image.
    id: 'dsContainers.project.explainSize',
    title: 'Explain Image Size',
    needsTrust: true,
    handler: async (s, arg?: unknown) => explainImageSize(s, await resolveTarget(arg)),
  },
  {
    // Every runtime import tried in the built image; failures are diagnostics at the import.
    id: 'dsContainers.project.checkImports',
    title: 'Check Image Imports',
    needsTrust: true,
    handler: async (s, arg?: unknown) => checkImportsWithProgress(s, await resolveTarget(arg)),
  },
];
