import * as assert from 'assert';
import * as vscode from 'vscode';
import { DockerfileDiagnostics } from '../../../src/vscode/lint/dockerfileSyntax';
import { PEER_EXTENSIONS, peerPresent } from '../../../src/vscode/lint/dockerfilePeers';

const ID = 'ds-containers.ds-containers';
const SOURCE = 'dockerfile-utils';

function wsUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, 'dockerfile', rel);
}

async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  assert.equal(doc.languageId, 'dockerfile', `${rel} opens as a Dockerfile`);
  return doc;
}

/** Polls until `get` returns a truthy value; the extension host is shared and slow machines lag. */
async function waitFor<T>(what: string, get: () => T | Promise<T>, ms = 15000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const span = (r: vscode.Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

describe('dockerfile language', () => {
  before(async () => {
    await vscode.extensions.getExtension(ID)?.activate();
  });

  it('a broken Dockerfile yields diagnostics with the right ranges', async () => {
    const doc = await open('broken/Dockerfile');
    const diags = await waitFor('diagnostics', () => (ours(doc.uri).length === 2 ? ours(doc.uri) : undefined));
    const got = diags
      .map((d) => `${span(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${d.code} ${d.message}`)
      .sort();
    assert.deepEqual(got, ['3:5-3:10 Error 40 Unknown flag: frm', '4:0-4:5 Error 38 Unknown instruction: FROMM']);
    // Casing and MAINTAINER are Docker's build checks now, reported once, by their names (issue 16).
    const checks = await waitFor('the build checks', () => {
      const named = vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.range.start.line} ${codeOf(d)}`);
      return named.includes('1 ConsistentInstructionCasing') && named.includes('5 MaintainerDeprecated')
        ? named
        : undefined;
    });
    assert.ok(!checks.includes('1 0') && !checks.includes('5 45'), `each problem once: ${checks.join(', ')}`);
  });

  it('diagnostics follow edits while typing and are cleared when the editor closes', async () => {
    const doc = await open('close/Dockerfile');
    await vscode.window.showTextDocument(doc);
    await waitFor('the unknown instruction', () => ours(doc.uri).some((d) => d.code === '38'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, 0, 5), 'FROM');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the fixed line to lose its error', () => !ours(doc.uri).some((d) => d.code === '38'));
    const edit2 = new vscode.WorkspaceEdit();
    edit2.insert(doc.uri, new vscode.Position(1, 0), 'EXPOSEE 80\n');
    assert.ok(await vscode.workspace.applyEdit(edit2));
    await waitFor('the new error', () => ours(doc.uri).some((d) => d.code === '38' && d.range.start.line === 1));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('diagnostics cleared on close', () => ours(doc.uri).length === 0);
  });

  it('completion at a line start offers instructions, as snippets', async () => {
    const doc = await open('features/Dockerfile');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(5, 0),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).split(' ')[0]);
    for (const k of ['FROM', 'RUN', 'COPY', 'WORKDIR', 'HEALTHCHECK'])
      assert.ok(labels.includes(k), `${k} offered (got ${labels.join(',')})`);
    const add = list.items.find((i) => String(typeof i.label === 'string' ? i.label : i.label.label).startsWith('ADD'));
    assert.ok(add?.insertText instanceof vscode.SnippetString, 'ADD inserts a snippet');
    assert.match((add.insertText as vscode.SnippetString).value, /\$\{1:source\}/);
  });

  it('image-tag completion answers at once offline (registry look-ups fail fast and silently)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM python:3\n' });
    const t0 = Date.now();
    await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(0, 13),
    );
    assert.ok(Date.now() - t0 < 5000, `answered in ${Date.now() - t0} ms`);
  });

  it('COPY completion offers --chmod, --link and --exclude beside --chown and --from (issue 27)', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'dockerfile', content: 'FROM python:3\nCOPY --' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(1, 7),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).split('=')[0]);
    for (const f of ['--chown', '--from', '--chmod', '--link', '--exclude'])
      assert.ok(labels.includes(f), `${f} offered (got ${labels.join(',')})`);
  });

  it('hover documents an instruction', async () => {
    const doc = await open('features/Dockerfile');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      new vscode.Position(3, 1),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Execute any commands on top of the current image/);
  });

  it('formatting fixes indentation', async () => {
    const doc = await open('format/Dockerfile');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatDocumentProvider',
      doc.uri,
      { tabSize: 4, insertSpaces: true },
    );
    assert.ok(edits?.length, 'the formatter has edits');
    const we = new vscode.WorkspaceEdit();
    we.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(we));
    assert.deepEqual(doc.getText().split('\n').slice(0, 4), [
      'FROM python:3.11-slim',
      'WORKDIR /app',
      'RUN apt-get update && \\',
      '    apt-get install -y curl',
    ]);
  });

  it('range formatting touches only the selection; typing a line continuation indents the next line', async () => {
    const doc = await vscode.workspace.openTextDocument({
      language: 'dockerfile',
      content: 'FROM a\n  RUN x\n  RUN y\nRUN echo \\\nb\n',
    });
    const opts = { tabSize: 4, insertSpaces: true };
    const range = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatRangeProvider',
      doc.uri,
      new vscode.Range(1, 0, 1, 5),
      opts,
    );
    assert.deepEqual(
      range.map((e) => `${span(e.range)}=${JSON.stringify(e.newText)}`),
      ['1:0-1:2=""'],
    );
    const typed = await vscode.commands.executeCommand<vscode.TextEdit[]>(
      'vscode.executeFormatOnTypeProvider',
      doc.uri,
      new vscode.Position(3, 10),
      '\\',
      opts,
    );
    assert.deepEqual(
      typed.map((e) => `${span(e.range)}=${JSON.stringify(e.newText)}`),
      ['4:0-4:0="    "'],
    );
  });

  it("a build check's quick fix changes the document, and no library command id leaks out", async () => {
    const doc = await open('fix/Dockerfile');
    const diag = await waitFor('the casing warning', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'ConsistentInstructionCasing'),
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      diag.range,
    );
    const fix = actions.find((a) => a.title === 'Write RUN');
    assert.ok(fix?.command || fix?.edit, `the quick fix is offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.ok(!actions.some((a) => a.command?.command.startsWith('docker.command.')), 'no library id leaks out');
    if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit));
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.equal(doc.lineAt(1).text, 'RUN pip install numpy');
    await waitFor(
      'the warning to go',
      () => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'ConsistentInstructionCasing'),
    );
  });

  it('symbols, folding, highlights, rename, links, semantic tokens and signature help answer', async () => {
    const doc = await open('features/Dockerfile');
    const exec = <T>(cmd: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(cmd, doc.uri, ...args);
    const symbols = await exec<vscode.SymbolInformation[]>('vscode.executeDocumentSymbolProvider');
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['FROM', 'ARG', 'ENV', 'RUN', 'FROM', 'COPY'],
    );
    const folds = await exec<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider');
    assert.ok(
      folds.some((f) => f.start === 3 && f.end === 4),
      'the continued RUN folds',
    );
    const highlights = await exec<vscode.DocumentHighlight[]>(
      'vscode.executeDocumentHighlights',
      new vscode.Position(1, 5),
    );
    assert.deepEqual(highlights.map((h) => h.range.start.line).sort(), [1, 2]);
    const rename = await exec<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      new vscode.Position(0, 27),
      'builder',
    );
    assert.deepEqual(
      rename
        .get(doc.uri)
        .map((e) => e.range.start.line)
        .sort(),
      [0, 6, 7],
    );
    const links = await exec<vscode.DocumentLink[]>('vscode.executeLinkProvider');
    assert.ok(
      links.some((l) => l.target?.toString().includes('hub.docker.com')),
      'the base image links to Docker Hub',
    );
    const tokens = await exec<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens');
    assert.ok(tokens.data.length > 0 && tokens.data.length % 5 === 0);
    const help = await exec<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', new vscode.Position(7, 7));
    assert.match(help.signatures[0].label, /^COPY/);
  });

  // Quiet mode. No peer extension (Container Tools, Docker, Docker DX) can be installed here (no
  // marketplace), so we stand one in honestly: the real DockerfileDiagnostics class, with its own
  // collection, is given a peer check that says "present"; the setting is the real one.
  describe('quiet mode next to a peer extension', () => {
    const cfg = () => vscode.workspace.getConfiguration('dsContainers');
    const setMode = (v: string | undefined) =>
      cfg().update('dockerfile.diagnostics', v, vscode.ConfigurationTarget.Workspace);
    let peer = true;
    let diagnostics: DockerfileDiagnostics;
    before(() => {
      diagnostics = new DockerfileDiagnostics({ peerPresent: () => peer, debounceMs: 10 });
    });
    after(async () => {
      diagnostics.dispose();
      await setMode(undefined);
    });
    const count = (uri: vscode.Uri) =>
      (diagnostics.collection.get(uri) ?? []).filter((d) => d.source === SOURCE).length;

    it('the real peer check finds none of the peers here', () => {
      assert.deepEqual(PEER_EXTENSIONS, [
        'ms-azuretools.vscode-containers',
        'ms-azuretools.vscode-docker',
        'docker.docker',
      ]);
      assert.equal(peerPresent(), false);
    });

    it('auto: silent with a peer, reporting without one; always and never override', async () => {
      const doc = await open('quiet/Dockerfile');
      await setMode('auto');
      peer = true;
      diagnostics.lintNow(doc);
      assert.equal(count(doc.uri), 0, 'auto + peer: quiet');
      await setMode('always');
      await waitFor('always: reported despite the peer', () => count(doc.uri) === 1);
      await setMode('never');
      peer = false;
      await waitFor('never: quiet without a peer', () => count(doc.uri) === 0);
      await setMode('auto');
      await waitFor('auto without a peer: reported', () => count(doc.uri) === 1);
    });
  });
});
