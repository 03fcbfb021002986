import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { splitTag } from '../../../core/docker/format';
import { UserCancelled } from '../../platform/errors';
import { badReference, explorerOf, pickImage } from '../../views/pick';

export const imageTag: CommandSpec = {
  id: 'dsContainers.images.tag',
  title: 'Tag Image',
  handler: async (s, item?: TreeNode, newRef?: string) => {
    const img = await pickImage(s, 'tag', item);
    const ref = newRef ?? await vscode.window.showInputBox({
      title: `Tag ${img.label}`,
      prompt: 'New name for this image, as repository:tag',
      value: img.ref ?? '',
      validateInput: (v) => badReference(v),
    });
    if (!ref) throw new UserCancelled();
    const bad = badReference(ref);
    if (bad) throw new Error(`"${ref}": ${bad}`);
    const { repository, tag } = splitTag(ref.trim());
    await s.engines.get().tagImage(img.id, repository, tag);
    await explorerOf(s).model.refresh(['images']);
    vscode.window.setStatusBarMessage(`Tagged ${img.label} as ${repository}:${tag}`, 4000);
  },
};
