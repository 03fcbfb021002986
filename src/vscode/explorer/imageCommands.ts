// The Images view's commands. Each takes the clicked tag (or dangling image), or asks with a quick
// pick from the palette.
import * as vscode from 'vscode';
import type { CommandSpec } from '../services';
import { TreeNode } from '../../core/docker/tree';
import { formatSize, portUrl, splitTag } from '../../core/docker/format';
import { UserCancelled } from '../platform/errors';
import { presetAnswer } from '../platform/testMode';
import { badReference, pickImage } from '../platform/pickers';
import { inView } from './index';
import { logsTerminal, ttyTerminal } from './terminals';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const imageCommands: CommandSpec[] = [
  {
    id: 'dsContainers.images.run',
    title: 'Run Image',
    needsTrust: true,
    handler: async (s, item?: TreeNode) => {
      const img = await pickImage(s, 'run', item);
      const engine = s.engine.get();
      const r = await inView('dsContainers.images', () => engine.runImage(img.ref ?? img.id));
      void s.explorer.refresh.refresh(['containers']);
      const url = r.ports.map((p) => portUrl(p, engine.endpoint.host ?? '127.0.0.1')).find(Boolean);
      const actions = url ? [`Open ${url}`, 'Show Logs'] : ['Show Logs'];
      const ports = r.ports.map((p) => `${p.hostIp}:${p.hostPort}→${p.containerPort}`).join(', ');
      const said = `Started container "${r.name}" from ${img.label}${r.ports.length ? ` (ports: ${ports})` : ''}.`;
      void vscode.window.showInformationMessage(said, ...actions).then((pick) => {
        if (pick === 'Show Logs') logsTerminal(engine, r.id, r.name).show();
        else if (pick && url) void vscode.env.openExternal(vscode.Uri.parse(url));
      });
      return r;
    },
  },
  {
    id: 'dsContainers.images.runInteractive',
    title: 'Run Image Interactively',
    needsTrust: true,
    handler: async (s, item?: TreeNode) => {
      const img = await pickImage(s, 'run interactively', item);
      const engine = s.engine.get();
      ttyTerminal(`Run: ${img.label}`, 'play', async (size) => {
        const { session } = await engine.runImageInteractive(img.ref ?? img.id, size);
        void s.explorer.refresh.refresh(['containers']);
        return session;
      }).show();
    },
  },
  {
    id: 'dsContainers.images.inspect',
    title: 'Inspect Image',
    handler: async (s, item?: TreeNode) => {
      const img = await pickImage(s, 'inspect', item);
      return s.explorer.inspect.show('image', img.id, img.label);
    },
  },
  {
    id: 'dsContainers.images.tag',
    title: 'Tag Image',
    handler: async (s, item?: TreeNode, newRef?: string) => {
      const img = await pickImage(s, 'tag', item);
      const ref =
        newRef ??
        (await vscode.window.showInputBox({
          title: `Tag ${img.label}`,
          prompt: 'New name for this image, as repository:tag',
          value: img.ref ?? '',
          validateInput: (v) => badReference(v),
        }));
      if (!ref) throw new UserCancelled();
      const bad = badReference(ref);
      if (bad) throw new Error(`"${ref}": ${bad}`);
      const { repository, tag } = splitTag(ref.trim());
      await s.engine.get().tagImage(img.id, repository, tag);
      await s.explorer.refresh.refresh(['images']);
      vscode.window.setStatusBarMessage(`Tagged ${img.label} as ${repository}:${tag}`, 4000);
    },
  },
  {
    id: 'dsContainers.images.remove',
    title: 'Remove Image',
    handler: async (s, item?: TreeNode, opts?: { confirmed?: 'Remove' | 'Force Remove' }) => {
      const img = await pickImage(s, 'remove', item);
      const force = '"Force Remove" also removes it when stopped containers use it.';
      const detail = img.ref ? `Removes this tag; the image itself goes when no other tag names it. ${force}` : force;
      const choice =
        presetAnswer(s, opts?.confirmed) ??
        (await vscode.window.showWarningMessage(
          `Remove image ${img.label}?`,
          { modal: true, detail },
          'Remove',
          'Force Remove',
        ));
      if (!choice) throw new UserCancelled();
      await inView('dsContainers.images', () =>
        s.engine.get().removeImage(img.ref ?? img.id, choice === 'Force Remove'),
      );
      await s.explorer.refresh.refresh(['images']);
    },
  },
  {
    id: 'dsContainers.images.prune',
    title: 'Prune Dangling Images',
    handler: async (s, _item?: unknown, opts?: { confirmed?: boolean }) => {
      const engine = s.engine.get();
      const dangling = (await engine.listImages()).filter((i) => i.tags.length === 0);
      if (!dangling.length) {
        void vscode.window.showInformationMessage('There are no dangling images to prune.');
        return;
      }
      const size = await engine.danglingSize();
      if (!presetAnswer(s, opts?.confirmed)) {
        const detail = 'Dangling images have no tag; rebuilds leave them behind. Images that containers use are kept.';
        const question = `Remove ${plural(dangling.length, 'dangling image')}? This frees up to ${formatSize(size)}.`;
        const ok = await vscode.window.showWarningMessage(question, { modal: true, detail }, 'Prune');
        if (ok !== 'Prune') throw new UserCancelled();
      }
      const r = await inView('dsContainers.images', () => engine.pruneDanglingImages());
      await s.explorer.refresh.refresh(['images']);
      const freed = formatSize(r.spaceReclaimed);
      void vscode.window.showInformationMessage(`Pruned ${plural(r.deleted.length, 'image layer')}, freed ${freed}.`);
      return r;
    },
  },
];
