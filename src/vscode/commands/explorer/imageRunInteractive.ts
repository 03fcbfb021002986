import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { explorerOf, pickImage } from '../../views/pick';
import { ttyTerminal } from '../../views/terminals';

export const imageRunInteractive: CommandSpec = {
  id: 'dsContainers.images.runInteractive',
  title: 'Run Image Interactively',
  needsTrust: true,
  handler: async (s, item?: TreeNode) => {
    const img = await pickImage(s, 'run interactively', item);
    const engine = s.engines.get();
    ttyTerminal(`Run: ${img.label}`, 'play', async (size) => {
      const { session } = await engine.runImageInteractive(img.ref ?? img.id, size);
      void explorerOf(s).model.refresh(['containers']);
      return session;
    }).show();
  },
};
