import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { explorerOf, pickImage } from '../../views/pick';
import { inspectUri } from '../../views/inspectDocs';

export const imageInspect: CommandSpec = {
  id: 'dsContainers.images.inspect',
  title: 'Inspect Image',
  handler: async (s, item?: TreeNode) => {
    const img = await pickImage(s, 'inspect', item);
    const uri = inspectUri('image', img.id, img.label);
    explorerOf(s).inspect.refresh(uri);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri.toString();
  },
};
