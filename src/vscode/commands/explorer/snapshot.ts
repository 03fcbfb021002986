import type { CommandSpec } from '../register';
import { explorerOf } from '../../views/pick';

/** The trees as the views show them now: for the editor suite, which cannot read a view's DOM. */
export const explorerSnapshot: CommandSpec = {
  id: 'dsContainers.explorer.snapshot',
  title: 'Explorer Snapshot',
  handler: async (s) => {
    const ex = explorerOf(s);
    return { state: ex.model.state, reason: ex.model.reason, images: await ex.images.current(), containers: await ex.containers.current(), project: await ex.project.current() };
  },
};
