import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { pickContainers } from '../../views/pick';
import { ttyTerminal } from '../../views/terminals';

export const containerShell: CommandSpec = {
  id: 'dsContainers.containers.shell',
  title: 'Open Shell in Container',
  needsTrust: true,
  handler: async (s, item?: TreeNode) => {
    const [c] = await pickContainers(s, 'open a shell in', item, undefined, (x) => x.state === 'running');
    const engine = s.engines.get();
    ttyTerminal(`Shell: ${c.name}`, 'terminal', (size) => engine.execShell(c.id, size)).show();
  },
};
