import type { CommandSpec } from '../register';
import { explorerOf } from '../../views/pick';

export const imagesRefresh: CommandSpec = {
  id: 'dsContainers.images.refresh',
  title: 'Refresh Images',
  handler: (s) => explorerOf(s).refresh.refresh(),
};
