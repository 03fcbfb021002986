import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { UserCancelled } from '../../platform/errors';
import { presetAnswer } from '../../platform/testMode';
import { explorerOf, inView, pickContainers } from '../../views/pick';

export const containerRemove: CommandSpec = {
  id: 'dsContainers.containers.remove',
  title: 'Remove Container',
  handler: async (s, item?: TreeNode, selected?: TreeNode[], opts?: { confirmed?: boolean }) => {
    const list = await pickContainers(s, 'remove', item, selected, () => true, true);
    const running = list.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting');
    const what = list.length === 1 ? `container "${list[0].name}"` : `${list.length} containers`;
    const detail = [
      list.length > 1 ? list.map((c) => c.name).join(', ') : '',
      running.length ? `${running.length === list.length && list.length === 1 ? 'It is' : `${running.length} of them are`} running and will be stopped first.` : '',
      'Files written inside the container are lost; named volumes are kept.',
    ].filter(Boolean).join('\n');
    if (!presetAnswer(s, opts?.confirmed)) {
      const ok = await vscode.window.showWarningMessage(`Remove ${what}?`, { modal: true, detail }, 'Remove');
      if (ok !== 'Remove') throw new UserCancelled();
    }
    await inView('dsContainers.containers', () => Promise.all(list.map((c) => s.engines.get().removeContainer(c.id, true))));
    await explorerOf(s).model.refresh(['containers']);
  },
};
