import type { CommandSpec } from '../register';
import { explorerOf } from '../../views/pick';

export const projectRefresh: CommandSpec = {
  id: 'dsContainers.project.refresh',
  title: 'Refresh Project',
  handler: (s) => explorerOf(s).project.invalidate(),
};
