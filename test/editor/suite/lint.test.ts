// Data-science lint in the real editor: DSC rules in a Dockerfile, requirements.txt diagnostics,
// import drift in a .py file and in a notebook cell, and their quick fixes applied.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { spawnSync } from 'child_process';
import { fixes, until } from './until';

const ID = 'ds-containers.ds-containers';

function wsUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'lint', rel);
}

const ours = (uri: vscode.Uri, source: string) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

async function apply(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, 'the quick fix has an edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
}

async function textOf(uri: vscode.Uri): Promise<string> {
  return (await vscode.workspace.openTextDocument(uri)).getText();
}

describe('lint: data-science rules, requirements and import drift', () => {
  before(async () => {
    await vscode.extensions.getExtension(ID)?.activate();
  });

  it('Dockerfile: DSC diagnostics in their own collection, hover docs, quick fixes applied', async () => {
    const uri = wsUri('docker/Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await until('DSC diagnostics', () => {
      const d = ours(uri, 'dsc');
      return d.length >= 5 && d;
    });
    assert.deepEqual(diags.map(codeOf).sort(), ['DSC001', 'DSC002', 'DSC003', 'DSC004', 'DSC010']);
    const dsc003 = diags.find((d) => codeOf(d) === 'DSC003')!;
    assert.equal(dsc003.severity, vscode.DiagnosticSeverity.Warning);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      dsc003.range.start,
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /\*\*DSC003\*\*/);
    assert.match(hoverText, /dsc-ignore DSC003/);

    const pin = (await fixes(uri, dsc003)).find((a) => /^Pin the base image to python:/.test(a.title));
    await apply(pin);
    assert.match(doc.getText(), /^FROM python:3\.\d+-slim\n/);
    const cmd = await until('DSC010 after the edit', () => ours(uri, 'dsc').find((d) => codeOf(d) === 'DSC010'));
    await apply((await fixes(uri, cmd)).find((a) => a.title.startsWith('Use the JSON form')));
    assert.match(doc.getText(), /\nCMD \["python", "app\.py"\]\n$/);
    const copy = await until('DSC001', () => ours(uri, 'dsc').find((d) => codeOf(d) === 'DSC001'));
    const ignore = (await fixes(uri, copy)).find((a) => a.title === 'Ignore DSC001 on this line');
    await apply(ignore);
    await until('DSC001 suppressed by # dsc-ignore', () => !ours(uri, 'dsc').some((d) => codeOf(d) === 'DSC001'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Dockerfile: ShellCheck finds `echo $1` on the continuation line, links its code, and can be silenced', async function () {
    if (spawnSync('shellcheck', ['--version']).status !== 0) {
      console.log('    SKIP ShellCheck in the editor: shellcheck is not installed (scripts/setup.sh installs it)');
      return this.skip();
    }
    const uri = wsUri('shellcheck/Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await until('SC2086 from ShellCheck', () => ours(uri, 'shellcheck').find((x) => codeOf(x) === 'SC2086'));
    assert.equal(d.range.start.line, 3, 'the line of `$1`, the second line of the RUN');
    assert.equal(doc.getText(d.range), '$1');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.ok(ours(uri, 'dsc').length === 0, 'the rules find nothing else here');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      d.range.start,
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /\[ShellCheck SC2086\]\(https:\/\/www\.shellcheck\.net\/wiki\/SC2086\)/);
    await apply((await fixes(uri, d)).find((a) => a.title === 'Ignore SC2086 on this line'));
    await until('SC2086 silenced by # dsc-ignore', () => !ours(uri, 'shellcheck').length);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Dockerfile: DSC007 moves an unpinned package into requirements.txt, appending after the last line', async () => {
    const uri = wsUri('move/Dockerfile');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const d = await until('DSC007 on flask', () => ours(uri, 'dsc').find((x) => codeOf(x) === 'DSC007'));
    assert.equal(doc.getText(d.range), 'flask');
    const titles = (await fixes(uri, d)).map((a) => a.title);
    assert.ok(
      titles.some((t) => /^Pin flask==[\w.]+ \(installed version\)$/.test(t)),
      titles.join(' | '),
    );
    await apply((await fixes(uri, d)).find((a) => a.title === 'Move flask to requirements.txt'));
    assert.equal(
      doc.getText(),
      'FROM python:3.11-slim\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nUSER app\n',
    );
    assert.match(
      await textOf(wsUri('move/requirements.txt')),
      /^numpy==1\.26\.4\nflask==[\w.]+\n$/,
      'the last line had no newline: one is added, nothing replaced',
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('requirements.txt: syntax error, duplicate, unpinned and unused; remove and pin fixes', async () => {
    const uri = wsUri('reqs/requirements.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'pip-requirements');
    await vscode.window.showTextDocument(doc);
    const diags = await until('requirements diagnostics with unused hints', () => {
      const d = ours(uri, 'dsc-requirements');
      return d.some((x) => codeOf(x) === 'DSC104') && d;
    });
    const summary = diags.map((d) => `${d.range.start.line}:${codeOf(d)}`).sort();
    assert.deepEqual(
      summary,
      ['0:DSC103', '1:DSC103', '1:DSC104', '2:DSC102', '2:DSC104', '3:DSC101', '4:DSC103'],
      `jupyterlab is a runtime-only tool, flask is imported: ${JSON.stringify(diags.map((d) => [d.range.start.line, codeOf(d), d.message]))}`,
    );
    const dup = diags.find((d) => codeOf(d) === 'DSC102')!;
    await apply((await fixes(uri, dup)).find((a) => a.title === 'Remove requests'));
    assert.equal(doc.getText(), 'flask\nrequests\nbad ==\njupyterlab\n');
    const unpinned = await until('DSC103 on flask after the edit', () =>
      ours(uri, 'dsc-requirements').find((d) => codeOf(d) === 'DSC103' && d.range.start.line === 0),
    );
    await apply((await fixes(uri, unpinned)).find((a) => /^Pin flask==[\w.]+ \(installed version\)$/.test(a.title)));
    assert.match(doc.getText(), /^flask==\d[\w.]*\nrequests\nbad ==\njupyterlab\n$/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(0, 2),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Imported in: `main\.py`/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('requirements.txt: a placeholder name (sklearn) is an error whose quick fix writes scikit-learn', async () => {
    const uri = wsUri('stub/requirements.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const stub = await until('DSC106 on sklearn', () =>
      ours(uri, 'dsc-requirements').find((d) => codeOf(d) === 'DSC106'),
    );
    assert.equal(stub.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(stub.range.start.line, 1);
    const replace = (await fixes(uri, stub)).find((a) => a.title === 'Replace sklearn with scikit-learn');
    assert.ok(replace?.isPreferred, 'the real name is the preferred fix');
    await apply(replace);
    assert.equal(doc.getText(), 'fastapi\nscikit-learn  # the model\n');
    await until('no DSC106 once renamed', () => !ours(uri, 'dsc-requirements').some((d) => codeOf(d) === 'DSC106'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('.py file: an import with no requirement warns; the fix appends NAME==VERSION to requirements.txt', async () => {
    const uri = wsUri('drift/app.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await until('drift warning on yaml', () => {
      const d = ours(uri, 'dsc-requirements');
      return d.length > 0 && d;
    });
    assert.deepEqual(
      diags.map((d) => `${d.range.start.line}:${codeOf(d)}:${doc.getText(d.range)}`),
      ['2:DSC105:yaml'],
      'os is stdlib, flask is declared, helpers is local',
    );
    const add = (await fixes(uri, diags[0])).find((a) => a.title.startsWith('Add '))!;
    assert.match(add?.title ?? '', /^Add PyYAML(==[\w.]+)? to requirements\.txt$/);
    await apply(add);
    const spec = add.title.replace(/^Add (\S+) to requirements\.txt$/, '$1');
    assert.equal(await textOf(wsUri('drift/requirements.txt')), `flask==3.1.3\n${spec}\n`);
    await until('the warning goes once the requirement exists', () => ours(uri, 'dsc-requirements').length === 0);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('excluded requirements: a `# dsc: exclude` comment and dsContainers.requirements.exclude silence the drift', async () => {
    const uri = wsUri('excluded/app.py');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const diags = await until('drift warning on yaml only', () => {
      const d = ours(uri, 'dsc-requirements');
      return d.length > 0 && d;
    });
    assert.deepEqual(
      diags.map((d) => `${d.range.start.line}:${doc.getText(d.range)}`),
      ['2:yaml'],
      'requests is excluded by the comment in requirements.txt',
    );
    const config = vscode.workspace.getConfiguration('dsContainers');
    await config.update('requirements.exclude', ['pyyaml'], vscode.ConfigurationTarget.Workspace);
    try {
      await until('no drift warning once PyYAML is excluded by the setting', () =>
        ours(uri, 'dsc-requirements').length === 0 ? true : undefined,
      );
    } finally {
      await config.update('requirements.exclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await until('the warning is back without the setting', () => ours(uri, 'dsc-requirements').length === 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a project the file watcher never reported (a dropped event): drift still finds its requirements.txt', async () => {
    // files.watcherExclude stands in for a watcher that dropped the event (one does while it restarts).
    const files = vscode.workspace.getConfiguration('files');
    await files.update('watcherExclude', { '**/lint/unwatched/**': true }, vscode.ConfigurationTarget.Workspace);
    const uri = wsUri('unwatched/app.py');
    try {
      await vscode.workspace.fs.writeFile(wsUri('unwatched/requirements.txt'), Buffer.from('flask\n'));
      await vscode.workspace.fs.writeFile(uri, Buffer.from('import flask\nimport yaml\n'));
      await vscode.window.showTextDocument(uri);
      const diags = await until(
        'a drift warning on yaml',
        () => ours(uri, 'dsc-requirements').length > 0 && ours(uri, 'dsc-requirements'),
        30000,
      );
      assert.deepEqual(
        diags.map((d) => d.range.start.line),
        [1],
      );
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await files.update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(wsUri('unwatched'), { recursive: true });
    }
  });

  it('notebook cell: the drift warning is on the cell document and its fix edits requirements.txt', async () => {
    const nb = await vscode.workspace.openNotebookDocument(wsUri('nb/analysis.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code)!;
    assert.equal(cell.document.languageId, 'python');
    const diags = await until('drift warning in the cell', () => {
      const d = ours(cell.document.uri, 'dsc-requirements');
      return d.length > 0 && d;
    });
    assert.deepEqual(
      diags.map((d) => `${d.range.start.line}:${cell.document.getText(d.range)}`),
      ['1:yaml'],
    );
    const add = (await fixes(cell.document.uri, diags[0])).find((a) => a.title.startsWith('Add '));
    await apply(add);
    assert.match(await textOf(wsUri('nb/requirements.txt')), /^flask==3\.1\.3\nPyYAML(==[\w.]+)?\n$/);
    await until('the cell warning goes', () => ours(cell.document.uri, 'dsc-requirements').length === 0);
  });
});
