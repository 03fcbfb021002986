import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { explorerOf, inView, pickContainers } from '../../views/pick';

export const containerRestart: CommandSpec = {
  id: 'dsContainers.containers.restart',
  title: 'Restart Container',
  needsTrust: true,
  handler: async (s, item?: TreeNode, selected?: TreeNode[]) => {
    const list = await pickContainers(s, 'restart', item, selected, () => true, true);
    await inView('dsContainers.containers', () => Promise.all(list.map((c) => s.engines.get().restartContainer(c.id))));
    await explorerOf(s).model.refresh(['containers']);
  },
};
