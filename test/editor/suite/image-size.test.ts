// Issue 22: the Project view says how big the project's image is, and Explain Image Size runs the size advisor
// on it (the same report as `ds-containers size DIR`). The image is a stand-in tagged as the project's.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';
import { defaultTag } from '../../../src/core/docker/tag';
import { TreeNode } from '../../../src/core/docker/tree';
import { until } from './until';

const engine = new Engine(resolveEndpoint({ env: process.env }));
const snapshot = () =>
  vscode.commands.executeCommand<{ project: TreeNode[] }>('dsContainers.explorer.snapshot').then((s) => s.project);
const all = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);

describe('image size (issue 22)', () => {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const tag = defaultTag(path.basename(root));
  const [repo, version] = tag.split(':');

  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dsContainers');
  });
  after(() => engine.removeImage(tag).catch(() => undefined));

  it('no row before the image is built; then "Image size" with its size, and Explain Image Size reports', async () => {
    await engine.removeImage(tag).catch(() => undefined);
    await vscode.commands.executeCommand('dsContainers.project.refresh');
    const rows = await until('the Project view', async () => {
      const nodes = all(await snapshot());
      return nodes.some((n) => n.project === root) ? nodes : undefined;
    });
    assert.ok(!rows.some((n) => n.id.endsWith('image-size') && n.project === root), 'a size row without an image');

    const stand = await engine.imageSummary('python:3.11-slim');
    assert.ok(stand, 'the stand-in image python:3.11-slim is missing');
    await engine.tagImage(stand.id, repo, version);
    await vscode.commands.executeCommand('dsContainers.project.refresh');
    const row = await until('the Image size row', async () =>
      all(await snapshot()).find((n) => n.id.endsWith('image-size') && n.project === root),
    );
    assert.strictEqual(row.label, 'Image size');
    assert.match(
      row.description ?? '',
      new RegExp(`^[\\d.]+ ?[kMG]?B · ${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );

    const lines = await vscode.commands.executeCommand<string[]>('dsContainers.project.explainSize', row);
    assert.ok(lines[0].startsWith(`${tag}: `), lines.join('\n'));
    assert.ok(lines.includes('Largest layers:'), lines.join('\n'));
    assert.ok(lines.includes('Largest installed distributions:'), lines.join('\n'));
    const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(shown.includes('Largest installed distributions:'), 'the report is not the active document');
  });
});
