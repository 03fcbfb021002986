// Develop inside the container: Reopen in Container (or how to), Copy Jupyter URL, Debug in Container.
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandSpec, Services } from '../services';
import {
  DEV_CONTAINERS_EXTENSION_ID,
  JUPYTER_EXTENSION_ID,
  PYTHON_DEBUGGER_EXTENSION_ID,
} from '../../core/extensionIds';
import { jupyterUrlWithToken } from '../../core/develop/jupyterServers';
import { addLaunchConfiguration, attachConfig, debugPort, launchLocalRoot } from '../../core/develop/debug';
import { JupyterServerFinder } from '../../node/develop/jupyterServers';
import { startDebugRun } from '../../node/develop/debugRun';
import { projectOf, resolveTarget } from '../platform/target';
import { buildWithProgress } from '../platform/buildImage';
import { UserCancelled } from '../platform/errors';

export const REOPEN_COMMAND = 'remote-containers.reopenInContainer';
/** The devcontainer CLI's command for a project, its folder as the shell needs it (relative when inside). */
export function devcontainerCliHint(projectDir?: string): string {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const rel = projectDir && root ? path.relative(root, projectDir) : projectDir;
  const folder = !rel || rel === '' ? '.' : rel.startsWith('..') ? projectDir! : rel;
  const quoted = /^[\w./-]+$/.test(folder) ? folder : `'${folder.replace(/'/g, "'\\''")}'`;
  return `devcontainer up --workspace-folder ${quoted}`;
}

export function devContainersInstalled(): boolean {
  return !!vscode.extensions.getExtension(DEV_CONTAINERS_EXTENSION_ID);
}

/**
 * The Dev Containers extension reopens the window in the container; without it, say how instead of failing:
 * the devcontainer CLI for the project pointed at, and the extension only where it can run (a desktop editor:
 * a web editor such as code-server has no Dev Containers in its store).
 */
export async function reopenInContainer(arg?: unknown): Promise<{ outcome: 'reopened' | 'explained'; cli?: string }> {
  if (devContainersInstalled()) {
    await vscode.commands.executeCommand(REOPEN_COMMAND);
    return { outcome: 'reopened' };
  }
  const cli = devcontainerCliHint(await projectOf(arg));
  const install = 'Install Dev Containers';
  const copy = 'Copy CLI Command';
  const desktop = vscode.env.uiKind === vscode.UIKind.Desktop;
  // Not awaited: the answer comes whenever the user acts on the notification.
  void vscode.window
    .showInformationMessage(
      (desktop
        ? 'To develop inside the container, install Microsoft\'s Dev Containers extension and run "Reopen in ' +
          'Container", or start it from a terminal with the devcontainer CLI: '
        : 'To develop inside the container from this web editor, start it from a terminal with the devcontainer ' +
          'CLI (npm install -g @devcontainers/cli): ') + cli,
      ...(desktop ? [install, copy] : [copy]),
    )
    .then(async (pick) => {
      if (pick === install)
        await vscode.commands.executeCommand('workbench.extensions.search', DEV_CONTAINERS_EXTENSION_ID);
      if (pick === copy) await vscode.env.clipboard.writeText(cli);
    });
  return { outcome: 'explained', cli };
}

/** "Copy Jupyter URL": a running server of ours, URL with its token, for "Existing Jupyter Server". */
async function copyJupyterUrl(s: Services): Promise<string> {
  const servers = await new JupyterServerFinder(() => s.engine.get()).servers(await s.engine.get().listContainers());
  if (!servers.length)
    throw new Error('no Jupyter container started by ds-containers is running: use "Open Jupyter" first');
  const pick =
    servers.length === 1
      ? servers[0]
      : (
          await vscode.window.showQuickPick(
            servers.map((e) => ({ label: e.label, description: e.baseUrl, e })),
            { placeHolder: 'Which Jupyter server?' },
          )
        )?.e;
  if (!pick) throw new UserCancelled();
  const url = jupyterUrlWithToken(pick);
  await vscode.env.clipboard.writeText(url);
  // The kernel picker's "Existing Jupyter Server…" entry is the Jupyter extension's: name it only when it is there.
  void vscode.window.showInformationMessage(
    vscode.extensions.getExtension(JUPYTER_EXTENSION_ID)
      ? `Copied ${pick.baseUrl} with its token: paste it in the kernel picker's "Existing Jupyter Server…".`
      : `Copied ${pick.baseUrl} with its token: open it in a browser, or paste it where a Jupyter client asks ` +
          'for an existing server (in VS Code that needs the Jupyter extension).',
  );
  return url;
}

/** The workspace folder of a project and the attach configuration for it. */
function configFor(dir: string): {
  folder: vscode.WorkspaceFolder | undefined;
  config: ReturnType<typeof attachConfig>;
} {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dir));
  return { folder, config: attachConfig(folder ? launchLocalRoot(folder.uri.fsPath, dir) : dir, debugPort(dir)) };
}

/** Adds (or updates) the attach configuration in .vscode/launch.json, keeping the rest of the file. */
async function addDebugConfiguration(s: Services, arg?: unknown): Promise<vscode.Uri> {
  const t = await resolveTarget(arg);
  const { folder, config } = configFor(t.dir);
  if (!folder) throw new Error(`${t.dir} is not inside a workspace folder: launch.json belongs to one`);
  const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'launch.json');
  const before = await vscode.workspace.fs.readFile(file).then(
    (b) => new TextDecoder().decode(b),
    () => undefined,
  );
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(addLaunchConfiguration(before, config)));
  s.log.info(`${file.fsPath}: "${config.name}" attaches to 127.0.0.1:${config.connect.port}`);
  return file;
}

/** The script from the image's command (`python FILE`): what Debug in Container runs under debugpy. */
function entryOf(cmd: string[]): string | undefined {
  const i = cmd.findIndex((w) => /(^|\/)python[0-9.]*$/.test(w));
  const file = i >= 0 ? cmd[i + 1] : undefined;
  return file && file.endsWith('.py') ? file : undefined;
}

/** Starts the script under debugpy in the image and attaches the Python debugger when it is installed. */
async function debugInContainer(s: Services, arg?: unknown): Promise<{ id: string; port: number; attached: boolean }> {
  const t = await resolveTarget(arg);
  const engine = s.engine.get();
  if (!(await engine.imageSummary(t.tag))) {
    const built = await buildWithProgress(s, t);
    if (!built.ok) throw new Error(`the build of ${t.tag} failed: nothing to debug`);
  }
  const entry = entryOf((await engine.imageRunConfig(t.tag)).cmd);
  if (!entry)
    throw new Error(
      `${t.tag} does not run a Python script (CMD ["python", "FILE.py"]): Debug in Container is for script projects`,
    );
  const { folder, config } = configFor(t.dir);
  const out = vscode.window.createOutputChannel(`Debug in Container: ${path.basename(t.dir)}`);
  s.context.subscriptions.push(out);
  const run = await startDebugRun(engine, {
    dir: t.dir,
    tag: t.tag,
    entry,
    port: config.connect.port,
    onOutput: (text) => out.append(text),
    onBuildingDebugImage: (image) => s.log.info(`${t.tag} has no debugpy: building ${image} with it (needs PyPI)`),
  });
  out.show(true);
  s.log.info(`debugpy for ${entry} in ${t.tag} on 127.0.0.1:${config.connect.port} (container ${run.id.slice(0, 12)})`);
  if (vscode.extensions.getExtension(PYTHON_DEBUGGER_EXTENSION_ID)) {
    // launch.json style roots need its folder; an absolute root works without one.
    const attached = await vscode.debug.startDebugging(
      folder,
      folder ? config : { ...config, pathMappings: [{ localRoot: t.dir, remoteRoot: '/app' }] },
    );
    return { id: run.id, port: config.connect.port, attached };
  }
  void vscode.window
    .showInformationMessage(
      `${entry} waits for a debugger on 127.0.0.1:${config.connect.port}. Install the Python Debugger extension ` +
        `(${PYTHON_DEBUGGER_EXTENSION_ID}) to attach, or add the configuration to launch.json.`,
      'Add to launch.json',
    )
    .then((pick) => pick && addDebugConfiguration(s, t.dockerfile));
  return { id: run.id, port: config.connect.port, attached: false };
}

export const developCommands: CommandSpec[] = [
  {
    id: 'dsContainers.project.reopenInContainer',
    title: 'Reopen in Container',
    handler: (_s, arg?: unknown) => reopenInContainer(arg),
  },
  {
    id: 'dsContainers.project.developInContainer',
    title: 'Develop in the Container…',
    handler: (_s, arg?: unknown) => reopenInContainer(arg),
  },
  { id: 'dsContainers.project.copyJupyterUrl', title: 'Copy Jupyter URL', handler: (s) => copyJupyterUrl(s) },
  {
    id: 'dsContainers.project.debugInContainer',
    title: 'Debug in Container',
    needsTrust: true,
    handler: (s, arg?: unknown) => debugInContainer(s, arg),
  },
  {
    id: 'dsContainers.project.addDebugConfiguration',
    title: 'Add Debug in Container to launch.json',
    handler: (s, arg?: unknown) => addDebugConfiguration(s, arg),
  },
];
