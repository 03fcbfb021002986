import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { UserCancelled } from '../../platform/errors';
import { presetAnswer } from '../../platform/testMode';
import { explorerOf, inView, pickImage } from '../../views/pick';

export const imageRemove: CommandSpec = {
  id: 'dsContainers.images.remove',
  title: 'Remove Image',
  handler: async (s, item?: TreeNode, opts?: { confirmed?: 'Remove' | 'Force Remove' }) => {
    const img = await pickImage(s, 'remove', item);
    const detail = img.ref
      ? 'Removes this tag; the image itself goes when no other tag names it. "Force Remove" also removes it when stopped containers use it.'
      : '"Force Remove" also removes it when stopped containers use it.';
    const choice = presetAnswer(s, opts?.confirmed) ?? await vscode.window.showWarningMessage(`Remove image ${img.label}?`, { modal: true, detail }, 'Remove', 'Force Remove');
    if (!choice) throw new UserCancelled();
    await inView('dsContainers.images', () => s.engines.get().removeImage(img.ref ?? img.id, choice === 'Force Remove'));
    await explorerOf(s).model.refresh(['images']);
  },
};
