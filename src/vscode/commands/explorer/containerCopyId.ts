import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { pickContainers } from '../../views/pick';

export const containerCopyId: CommandSpec = {
  id: 'dsContainers.containers.copyId',
  title: 'Copy Container ID',
  handler: async (s, item?: TreeNode) => {
    const [c] = await pickContainers(s, 'copy the id of', item, undefined, () => true);
    await vscode.env.clipboard.writeText(c.id);
    vscode.window.setStatusBarMessage(`Copied the id of ${c.name}`, 3000);
    return c.id;
  },
};
