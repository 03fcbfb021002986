// The Containers view's commands. Each takes the clicked item (and the selection), or asks with a
// quick pick from the palette.
import * as path from 'path';
import * as vscode from 'vscode';
import { copyOut, lossOnRemove } from '../../node/docker/copyOut';
import type { CommandSpec, Services } from '../services';
import { TreeNode } from '../../core/docker/tree';
import { ContainerInfo } from '../../core/docker/types';
import { portUrl } from '../../core/docker/format';
import { UserCancelled } from '../platform/errors';
import { presetAnswer } from '../platform/testMode';
import { pickContainers } from '../platform/pickers';
import { inView } from './index';
import { logsTerminal, ttyTerminal } from './terminals';

const isUp = (c: ContainerInfo) => ['running', 'paused', 'restarting'].includes(c.state);

/** Applies one engine call to every chosen container, with progress on the view, then lists again. */
async function each(s: Services, act: (id: string) => Promise<unknown>, list: ContainerInfo[]): Promise<void> {
  await inView('dsContainers.containers', () => Promise.all(list.map((c) => act(c.id))));
  await s.explorer.refresh.refresh(['containers']);
}

export const containerCommands: CommandSpec[] = [
  {
    id: 'dsContainers.containers.start',
    title: 'Start Container',
    needsTrust: true,
    handler: async (s, item?: TreeNode, selected?: TreeNode[]) => {
      const list = await pickContainers(s, 'start', item, selected, (c) => c.state !== 'running', true);
      await each(s, (id) => s.engine.get().startContainer(id), list);
    },
  },
  {
    id: 'dsContainers.containers.stop',
    title: 'Stop Container',
    handler: async (s, item?: TreeNode, selected?: TreeNode[]) => {
      const list = await pickContainers(s, 'stop', item, selected, isUp, true);
      await each(s, (id) => s.engine.get().stopContainer(id), list);
    },
  },
  {
    id: 'dsContainers.containers.restart',
    title: 'Restart Container',
    needsTrust: true,
    handler: async (s, item?: TreeNode, selected?: TreeNode[]) => {
      const list = await pickContainers(s, 'restart', item, selected, () => true, true);
      await each(s, (id) => s.engine.get().restartContainer(id), list);
    },
  },
  {
    id: 'dsContainers.containers.remove',
    title: 'Remove Container',
    handler: async (s, item?: TreeNode, selected?: TreeNode[], opts?: { confirmed?: boolean; copyOut?: boolean }) => {
      const list = await pickContainers(s, 'remove', item, selected, () => true, true);
      const running = list.filter(isUp);
      const what = list.length === 1 ? `container "${list[0].name}"` : `${list.length} containers`;
      const they = running.length === list.length && list.length === 1 ? 'It is' : `${running.length} of them are`;
      // `docker diff`: what exists only in the container (a notebook saved in an unmounted Jupyter)
      // is named, and can be saved first.
      const losses = (
        await Promise.all(
          list.map(async (c) => ({ c, loss: await lossOnRemove(s.engine.get(), c.id).catch(() => undefined) })),
        )
      ).filter((x) => x.loss?.paths.length);
      const detail = [
        list.length > 1 ? list.map((c) => c.name).join(', ') : '',
        running.length ? `${they} running and will be stopped first.` : '',
        ...losses.map((x) => `${list.length > 1 ? `${x.c.name}: ` : ''}${x.loss!.summary}; they would be lost.`),
        losses.length
          ? 'Copy Out saves them to the project folder first.'
          : 'Nothing in its working directory differs from its image; named volumes are kept.',
      ]
        .filter(Boolean)
        .join('\n');
      let copy = !!opts?.copyOut;
      if (!presetAnswer(s, opts?.confirmed)) {
        const buttons = losses.length ? ['Copy Out and Remove', 'Remove'] : ['Remove'];
        const ok = await vscode.window.showWarningMessage(`Remove ${what}?`, { modal: true, detail }, ...buttons);
        if (!ok) throw new UserCancelled();
        copy = ok === 'Copy Out and Remove';
      }
      const copied: string[] = [];
      if (copy) {
        for (const { c, loss } of losses) {
          const home = c.labels['dsContainers.project'] || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
          if (!home) throw new Error('open a folder to copy the files into');
          const dest = path.join(home, `from-container-${c.name}`);
          copied.push(...(await copyOut(s.engine.get(), c.id, loss!.workdir, loss!.paths, dest)));
          s.log.info(`copied ${loss!.paths.length} path(s) out of ${c.name} into ${dest}`);
        }
        if (copied.length)
          void vscode.window.showInformationMessage(
            `Copied ${copied.length} file${copied.length === 1 ? '' : 's'} out before removing: ` +
              vscode.workspace.asRelativePath(path.dirname(copied[0])),
          );
      }
      await each(s, (id) => s.engine.get().removeContainer(id, true), list);
      return { copied };
    },
  },
  {
    id: 'dsContainers.containers.logs',
    title: 'Show Container Logs',
    handler: async (s, item?: TreeNode) => {
      const [c] = await pickContainers(s, 'show the logs of', item, undefined, () => true);
      logsTerminal(s.engine.get(), c.id, c.name).show();
    },
  },
  {
    id: 'dsContainers.containers.shell',
    title: 'Open Shell in Container',
    needsTrust: true,
    handler: async (s, item?: TreeNode) => {
      const [c] = await pickContainers(s, 'open a shell in', item, undefined, (x) => x.state === 'running');
      const engine = s.engine.get();
      ttyTerminal(`Shell: ${c.name}`, 'terminal', (size) => engine.execShell(c.id, size)).show();
    },
  },
  {
    id: 'dsContainers.containers.inspect',
    title: 'Inspect Container',
    handler: async (s, item?: TreeNode) => {
      const [c] = await pickContainers(s, 'inspect', item, undefined, () => true);
      return s.explorer.inspect.show('container', c.id, c.name);
    },
  },
  {
    id: 'dsContainers.containers.openPort',
    title: 'Open Published Port in Browser',
    handler: async (s, item?: TreeNode) => {
      const published = (x: ContainerInfo) => x.state === 'running' && x.ports.some((p) => p.hostPort);
      const [c] = await pickContainers(s, 'open in the browser', item, undefined, published);
      // a remote engine publishes on its own host, not on ours
      const host = s.engine.endpoint().host ?? '127.0.0.1';
      const urls = c.ports.flatMap((p) => {
        const url = portUrl(p, host);
        return url ? [{ label: url, description: `container port ${p.containerPort}/${p.protocol}`, url }] : [];
      });
      if (!urls.length) throw new Error(`container "${c.name}" publishes no port`);
      const chosen =
        urls.length === 1 ? urls[0] : await vscode.window.showQuickPick(urls, { placeHolder: 'Port to open' });
      if (!chosen) throw new UserCancelled();
      await vscode.env.openExternal(vscode.Uri.parse(chosen.url));
      return chosen.url;
    },
  },
  {
    id: 'dsContainers.containers.copyId',
    title: 'Copy Container ID',
    handler: async (s, item?: TreeNode) => {
      const [c] = await pickContainers(s, 'copy the id of', item, undefined, () => true);
      await vscode.env.clipboard.writeText(c.id);
      vscode.window.setStatusBarMessage(`Copied the id of ${c.name}`, 3000);
      return c.id;
    },
  },
];
