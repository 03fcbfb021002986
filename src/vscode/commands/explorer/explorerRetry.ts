import type { CommandSpec } from '../register';
import { explorerOf } from '../../views/pick';

export const explorerRetry: CommandSpec = {
  id: 'dsContainers.explorer.retry',
  title: 'Retry Connecting to Docker',
  handler: (s) => explorerOf(s).refresh.refresh(),
};
