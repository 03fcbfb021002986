import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { pickContainers } from '../../views/pick';
import { logsTerminal } from '../../views/terminals';

export const containerLogs: CommandSpec = {
  id: 'dsContainers.containers.logs',
  title: 'Show Container Logs',
  handler: async (s, item?: TreeNode) => {
    const [c] = await pickContainers(s, 'show the logs of', item, undefined, () => true);
    logsTerminal(s.engines.get(), c.id, c.name).show();
  },
};
