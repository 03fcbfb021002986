import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { formatSize } from '../../../core/docker/format';
import { UserCancelled } from '../../platform/errors';
import { presetAnswer } from '../../platform/testMode';
import { explorerOf, inView } from '../../views/pick';

export const imagesPrune: CommandSpec = {
  id: 'dsContainers.images.prune',
  title: 'Prune Dangling Images',
  handler: async (s, _item?: unknown, opts?: { confirmed?: boolean }) => {
    const engine = s.engines.get();
    const dangling = (await engine.listImages()).filter((i) => i.tags.length === 0);
    if (!dangling.length) {
      void vscode.window.showInformationMessage('There are no dangling images to prune.');
      return;
    }
    const size = await engine.danglingSize();
    if (!presetAnswer(s, opts?.confirmed)) {
      const ok = await vscode.window.showWarningMessage(`Remove ${dangling.length} dangling image${dangling.length > 1 ? 's' : ''}? This frees up to ${formatSize(size)}.`,
        { modal: true, detail: 'Dangling images have no tag; rebuilds leave them behind. Images that containers use are kept.' }, 'Prune');
      if (ok !== 'Prune') throw new UserCancelled();
    }
    const r = await inView('dsContainers.images', () => engine.pruneDanglingImages());
    await explorerOf(s).model.refresh(['images']);
    void vscode.window.showInformationMessage(`Pruned ${r.deleted.length} image layer${r.deleted.length === 1 ? '' : 's'}, freed ${formatSize(r.spaceReclaimed)}.`);
    return r;
  },
};
