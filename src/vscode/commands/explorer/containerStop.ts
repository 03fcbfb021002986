import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { explorerOf, inView, pickContainers } from '../../views/pick';

export const containerStop: CommandSpec = {
  id: 'dsContainers.containers.stop',
  title: 'Stop Container',
  handler: async (s, item?: TreeNode, selected?: TreeNode[]) => {
    const list = await pickContainers(s, 'stop', item, selected, (c) => ['running', 'paused', 'restarting'].includes(c.state), true);
    await inView('dsContainers.containers', () => Promise.all(list.map((c) => s.engines.get().stopContainer(c.id))));
    await explorerOf(s).model.refresh(['containers']);
  },
};
