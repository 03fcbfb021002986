// One analysis for the Project view, Containerize and drift diagnostics: the drift warnings of a project name the
// distributions that Containerize adds and know the module a notebook writes with %%writefile (drift's own scan
// took it for a package); the Project view's evidence lines open the file at the line, or the notebook at the cell.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../src/core/docker/tree';
import type { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';
import { until } from './until';

const REL = 'lint/shared';
const cell = (source: string) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source });
const FILES: Record<string, string> = {
  'requirements.txt': 'numpy\n',
  'prep.ipynb': JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    cells: [cell('%%writefile helpers.py\ndef clean(df):\n    return df\n'), cell('import numpy\nimport yaml\n')],
  }),
  'train.py': 'import helpers\nimport yaml\nimport pandas as pd\n\ndf = pd.read_parquet("data.parquet")\n',
};

const drift = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'dsc-requirements' && /is imported/.test(d.message));
const all = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);

describe('one analysis: Project view, Containerize and drift', function () {
  this.timeout(180000);
  const dir = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, REL);
  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    fs.mkdirSync(dir(), { recursive: true });
    for (const [f, text] of Object.entries(FILES)) fs.writeFileSync(path.join(dir(), f), text);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir(), { recursive: true, force: true });
  });

  it('drift warns with the names Containerize adds, and not about the module a notebook writes', async () => {
    const uri = vscode.Uri.file(path.join(dir(), 'train.py'));
    await vscode.window.showTextDocument(uri);
    // helpers.py does not exist: only the analysis knows the notebook writes it (drift's own guess, shown until
    // the analysis is done, flags it).
    const warned = await until(
      'drift warnings on yaml and pandas only',
      () =>
        drift(uri)
          .map((d) => d.range.start.line)
          .join() === '1,2'
          ? drift(uri)
          : undefined,
      120000,
      () =>
        drift(uri)
          .map((d) => `line ${d.range.start.line + 1}: ${d.message}`)
          .join(' | ') || 'no warnings',
    );
    const named = warned.map((d) => /no requirement provides it \(([^ )]+)/.exec(d.message)?.[1]);
    assert.deepStrictEqual(named, ['PyYAML', 'pandas']);
    const r = await vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
      folder: dir(),
      noPreview: true,
      build: false,
    });
    assert.ok(r.written.includes('requirements.txt'));
    const names = fs
      .readFileSync(path.join(dir(), 'requirements.txt'), 'utf8')
      .split('\n')
      .map((l) => l.split(/[=<>~ ]/)[0]);
    for (const n of named) assert.ok(names.includes(n!), `${n} in requirements.txt: ${names.join(', ')}`);
    assert.ok(!names.includes('helpers'));
    await until('the drift warnings go once requirements.txt has them', () => drift(uri).length === 0, 60000);
  });

  it("a click on the Project view's evidence opens the file at its line, and a notebook at its cell", async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dsContainers');
    await vscode.commands.executeCommand('dsContainers.project.refresh');
    const snapshot = async () =>
      all((await vscode.commands.executeCommand<{ project: TreeNode[] }>('dsContainers.explorer.snapshot')).project);
    const need = await until(
      'the read_parquet evidence in the Project view',
      async () =>
        (await snapshot()).find((n) => n.open?.file === `${REL}/train.py` && /read_parquet/.test(n.description ?? '')),
      90000,
    );
    await vscode.commands.executeCommand('dsContainers.project.openSite', need);
    const ed = vscode.window.activeTextEditor!;
    assert.strictEqual(ed.document.uri.fsPath, path.join(dir(), 'train.py'));
    assert.strictEqual(ed.selection.active.line, 4);

    const inNotebook = (await snapshot()).find((n) => n.open?.file === `${REL}/prep.ipynb` && n.open.cell === 1);
    assert.ok(inNotebook, "the import in the notebook's second cell is evidence");
    await vscode.commands.executeCommand('dsContainers.project.openSite', inNotebook);
    const nb = await until('the notebook editor', () => vscode.window.activeNotebookEditor);
    assert.strictEqual(nb.notebook.uri.fsPath, path.join(dir(), 'prep.ipynb'));
    assert.deepStrictEqual(
      nb.selections.map((s) => [s.start, s.end]),
      [[1, 2]],
    );
  });
});
