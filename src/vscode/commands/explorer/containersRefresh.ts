import type { CommandSpec } from '../register';
import { explorerOf } from '../../views/pick';

export const containersRefresh: CommandSpec = {
  id: 'dsContainers.containers.refresh',
  title: 'Refresh Containers',
  handler: (s) => explorerOf(s).refresh.refresh(),
};
