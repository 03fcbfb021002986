// One notion of "our running Jupyter": the running Jupyter containers (this workspace's projects
// first), their URL with the token, opened through the editor's own port forwarding
// (asExternalUri) so that it also works when VS Code runs remotely (code-server, SSH, Codespaces).
import * as vscode from 'vscode';
import type { Services } from '../services';
import { browserJupyterUrl, findJupyterUrl, proxyBaseUrl, runningJupyters } from '../../core/docker/jupyter';
import { hostPortMap } from '../../core/docker/shape';
import { ContainerInfo } from '../../core/docker/types';
import { workspaceProjects } from '../platform/projects';
import { UserCancelled } from '../platform/errors';

/** True when the browser is not on the machine that runs the containers (or may not be). */
function remote(): boolean {
  return !!vscode.env.remoteName || vscode.env.uiKind === vscode.UIKind.Web;
}

/** What the editor makes of http://127.0.0.1:PORT/ for the user's browser. */
async function external(port: number): Promise<{ origin: string; path: string }> {
  const u = await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${port}/`));
  return { origin: `${u.scheme}://${u.authority}`, path: u.path || '/' };
}

/** The base URL a Jupyter on this host port must serve under (a remote editor's proxy path), else undefined. */
export async function jupyterBaseUrl(port: number): Promise<string | undefined> {
  return remote() ? proxyBaseUrl((await external(port)).path, port) : undefined;
}

/** The server's host URL (http://127.0.0.1:PORT/…?token=…) as the user's browser reaches it. */
export async function browserUrl(hostUrl: string): Promise<string> {
  const u = new URL(hostUrl);
  return browserJupyterUrl(hostUrl, await external(Number(u.port)));
}

export async function openInBrowser(hostUrl: string): Promise<void> {
  await vscode.env.openExternal(vscode.Uri.parse(await browserUrl(hostUrl), true));
}

/** "Jupyter is running in TAG." with Open in Browser and Copy URL (the URL as the browser reaches it). */
export function offerJupyter(s: Services, hostUrl: string, what: string): void {
  void vscode.window
    .showInformationMessage(`Jupyter is running in ${what}.`, 'Open in Browser', 'Copy URL')
    .then(async (pick) => {
      if (pick === 'Open in Browser') await openInBrowser(hostUrl);
      if (pick === 'Copy URL') {
        await vscode.env.clipboard.writeText(await browserUrl(hostUrl));
        s.log.info(`copied the Jupyter URL of ${what}`);
      }
    });
}

/** A running Jupyter container's URL: from our own run when we started it, else from its log. */
export async function jupyterUrlOf(s: Services, c: ContainerInfo): Promise<string | undefined> {
  const ours = [...s.buildRun.runs].find((r) => r.id === c.id);
  if (ours) return ours.url;
  const ports = hostPortMap({ id: c.id, name: c.name, ports: c.ports });
  return findJupyterUrl(await s.engine.get().logsText(c.id, 500), (p) => ports.get(p))?.hostUrl;
}

/**
 * The running Jupyter containers, this workspace's projects first (then others we started, then
 * any other Jupyter); one is taken as is, several are a quick pick. Undefined when none runs.
 */
export async function pickRunningJupyter(s: Services, project?: string): Promise<ContainerInfo | undefined> {
  const projects = project ? [project] : await workspaceProjects();
  const list = runningJupyters(await s.engine.get().listContainers(), projects);
  const here = list.filter((c) => projects.includes(c.labels['dsContainers.project'] ?? ''));
  if (project || here.length === 1) {
    if (here.length <= 1) return here[0];
  } else if (list.length <= 1) return list[0];
  const mine = project ? here : list;
  const pick = await vscode.window.showQuickPick(
    mine.map((c) => ({
      label: c.name,
      description: c.labels['dsContainers.project']
        ? vscode.workspace.asRelativePath(c.labels['dsContainers.project'])
        : c.image,
      detail: `${c.image} · ${c.status}`,
      c,
    })),
    { placeHolder: 'Which Jupyter server?' },
  );
  if (!pick) throw new UserCancelled();
  return pick.c;
}
