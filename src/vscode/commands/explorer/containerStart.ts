import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { explorerOf, inView, pickContainers } from '../../views/pick';

export const containerStart: CommandSpec = {
  id: 'dsContainers.containers.start',
  title: 'Start Container',
  needsTrust: true,
  handler: async (s, item?: TreeNode, selected?: TreeNode[]) => {
    const list = await pickContainers(s, 'start', item, selected, (c) => c.state !== 'running', true);
    await inView('dsContainers.containers', () => Promise.all(list.map((c) => s.engines.get().startContainer(c.id))));
    await explorerOf(s).model.refresh(['containers']);
  },
};
