import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { explorerOf, pickContainers } from '../../views/pick';
import { inspectUri } from '../../views/inspectDocs';

export const containerInspect: CommandSpec = {
  id: 'dsContainers.containers.inspect',
  title: 'Inspect Container',
  handler: async (s, item?: TreeNode) => {
    const [c] = await pickContainers(s, 'inspect', item, undefined, () => true);
    const uri = inspectUri('container', c.id, c.name);
    explorerOf(s).inspect.refresh(uri);
    const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'json');
    await vscode.window.showTextDocument(doc, { preview: true });
    return uri.toString();
  },
};
