// Issue 12 in the real editor, on a workspace holding a script project and a notebook project side
// by side (two-projects/churn-script, two-projects/churn-notebook): work is never lost, the right
// folder, the real error (build-run.test.ts), one notion of our running Jupyter, a second
// Containerize that starts from the current files, and a clear closing message.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { TreeNode } from '../../../src/core/docker/tree';
import { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';
import { RunHandle } from '../../../src/vscode/buildRun/state';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';
import { until } from './until';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const two = () => path.join(ws(), 'two-projects');
const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const created: string[] = [];
const tags = ['churn-script:latest', 'churn-notebook:latest', 'dsc-test-e12-broken-pin:latest'];

const containerize = (folder: string, extra: object = {}) =>
  vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
    folder,
    noPreview: true,
    noPin: true,
    ...extra,
  });

/** Saves a notebook through Jupyter's contents API, as the user's "Save" in JupyterLab does. */
async function saveNotebook(url: string, name: string, marker: string): Promise<void> {
  const u = new URL(url);
  const nb = {
    cells: [{ cell_type: 'code', source: `print("${marker}")`, metadata: {}, outputs: [], execution_count: null }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  const r = await fetch(`${u.origin}${u.pathname.replace(/lab\/?$/, '')}api/contents/${name}`, {
    method: 'PUT',
    headers: { Authorization: `token ${u.searchParams.get('token')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'notebook', format: 'json', content: nb }),
  });
  assert.ok(r.ok, `contents API: ${r.status} ${await r.text()}`);
}

describe('issue 12: containerize in the editor', function () {
  this.timeout(300000);
  before(() => {
    // The image's user is UID 1000: as root here, hand it the notebook project so Jupyter can save.
    if (process.getuid?.() === 0)
      for (const f of [two(), path.join(two(), 'churn-notebook'), path.join(two(), 'churn-notebook', 'explore.ipynb')])
        fs.chownSync(f, 1000, 1000);
  });
  after(async () => {
    for (const id of created) await engine.removeContainer(id, true).catch(() => undefined);
    for (const t of tags) await engine.removeBuiltImage(t).catch(() => undefined);
  });

  it('the Project view shows each project of the two-project folder, and its container files once containerized', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dsContainers');
    await vscode.commands.executeCommand('dsContainers.project.refresh');
    const find = (nodes: TreeNode[], label: string) =>
      nodes.find((n) => n.id.startsWith('project:') && n.label === label);
    const snap = () => vscode.commands.executeCommand<{ project: TreeNode[] }>('dsContainers.explorer.snapshot');
    const script = await until('churn-script analysed in the Project view', async () => {
      const n = find((await snap()).project, 'churn-script');
      return n && /^script/.test(n.description ?? '') ? n : undefined;
    });
    assert.match(
      find((await snap()).project, 'churn-notebook')?.description ?? '',
      /^jupyter/,
      'the notebook project is its own node',
    );
    // No false "unresolved import" of the sibling project: each is analysed on its own.
    assert.ok(!JSON.stringify(script.children).includes('Unresolved imports'));
    const r = await containerize(path.join(two(), 'churn-script'), { build: false });
    assert.strictEqual(r.folder, path.join(two(), 'churn-script'));
    assert.ok(!fs.existsSync(path.join(two(), 'Dockerfile')), 'nothing written to the folder that holds both');
    await vscode.commands.executeCommand('dsContainers.project.refresh');
    await until(
      '4/4 container files for churn-script',
      async () => /4\/4/.test(find((await snap()).project, 'churn-script')?.description ?? '') || undefined,
    );
  });

  it('a second Containerize starts from the current Dockerfile (base image, mode) and says what it changes', async () => {
    const dir = path.join(two(), 'churn-script');
    await containerize(dir, { build: false, overwrite: true, spec: { baseImage: 'local/python:3.11-scipy' } });
    const again = await containerize(dir, { build: false, overwrite: true });
    assert.match(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      /^FROM local\/python:3\.11-scipy$/m,
      'not python:3.11-slim again',
    );
    assert.deepStrictEqual(again.changes, []);
    const third = await containerize(dir, { build: false, overwrite: true, spec: { baseImage: 'python:3.11-slim' } });
    assert.deepStrictEqual(third.changes, ['base image: local/python:3.11-scipy → python:3.11-slim']);
    assert.match(third.message ?? '', /^Containerized churn-script: wrote .*Dockerfile/);
  });

  it('Jupyter runs with the project mounted: a notebook saved in Jupyter is on disk after Stop in the Containers view, which keeps the container', async () => {
    const dir = path.join(two(), 'churn-notebook');
    const r = await containerize(dir, { spec: { baseImage: 'local/jupyter:3.11' } });
    assert.ok(r.build?.ok, r.build?.error);
    assert.match(r.message ?? '', /^Containerized churn-notebook: .*built churn-notebook:latest/);
    const run = r.run as RunHandle;
    created.push(run.id);
    const url = await until('the Jupyter URL', () => run.url);
    const marker = `edited-in-jupyter-${Date.now()}`;
    await saveNotebook(url, 'explore.ipynb', marker);
    const info = (await engine.listContainers()).find((c) => c.id === run.id)!;
    await vscode.commands.executeCommand('dsContainers.containers.stop', {
      id: `c:${run.id}`,
      kind: 'container',
      label: info.name,
      container: info,
    });
    assert.match(fs.readFileSync(path.join(dir, 'explore.ipynb'), 'utf8'), new RegExp(marker), 'the edit is on disk');
    assert.strictEqual(await engine.runExists(run.id), true, 'Stop stops; it does not remove');
  });

  it("Open Jupyter from the palette opens the running server, never the active editor's script image", async () => {
    // The notebook project's container, stopped by the previous test, started again from the tree:
    // not a run of this session, so its URL comes from its log.
    const nb = path.join(two(), 'churn-notebook');
    const info = (await engine.listContainers()).find((c) => c.labels['dsContainers.project'] === nb)!;
    assert.ok(info, 'the stopped Jupyter container is still there');
    await vscode.commands.executeCommand('dsContainers.containers.start', {
      id: `c:${info.id}`,
      kind: 'container',
      label: info.name,
      container: info,
    });
    // The script project's Dockerfile is the active editor: Open Jupyter must not run its image.
    const scriptDockerfile = vscode.Uri.file(path.join(two(), 'churn-script', 'Dockerfile'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(scriptDockerfile));
    const opened = await until('Open Jupyter to find the URL in the log', async () =>
      vscode.commands.executeCommand<string>('dsContainers.project.openJupyter', undefined, { open: false }).then(
        (u) => u,
        () => undefined,
      ),
    );
    const port = (await engine.listContainers())
      .find((c) => c.id === info.id)!
      .ports.find((p) => p.containerPort === 8888)!.hostPort;
    assert.match(opened, new RegExp(`^http://127\\.0\\.0\\.1:${port}/.*\\?token=\\w+$`));
    const scriptRuns = (await engine.listContainers()).filter(
      (c) => c.labels['dsContainers.project'] === path.join(two(), 'churn-script'),
    );
    assert.deepStrictEqual(
      scriptRuns.map((c) => c.name),
      [],
    );
    await engine.stopContainer(info.id);
  });

  it("a failed Containerize build says pip's cause, not BuildKit's wrapper", async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-e12-broken-pin');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'train.py'), 'import numpy\n\nprint(numpy.__version__)\n');
    // A pin no index has (and none can be reached here): pip's own error line is the cause.
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy==2.4.6\n');
    const r = await containerize(dir, { spec: { baseImage: 'local/python:3.11-scipy' } });
    assert.strictEqual(r.build?.ok, false);
    assert.match(r.message ?? '', /^Build of dsc-test-e12-broken-pin:latest failed at Dockerfile line \d+: /);
    // pip's first ERROR line (the E2E screenshot media/readme/containerize-build-failed.png shows it too).
    assert.match(r.message ?? '', /: ERROR: Could not find a version that satisfies the requirement numpy==2\.4\.6/);
    assert.doesNotMatch(r.message ?? '', /executor failed|did not complete successfully/);
    const d = vscode.languages
      .getDiagnostics(vscode.Uri.file(path.join(dir, 'Dockerfile')))
      .filter((x) => x.source === 'ds-containers build');
    assert.match(d[0]?.message ?? '', /Could not find a version that satisfies the requirement numpy==2\.4\.6/);
  });

  it('Remove names what only the container has (docker diff) and copies it out first', async () => {
    const nb = path.join(two(), 'churn-notebook');
    const handle = await vscode.commands.executeCommand<RunHandle>('dsContainers.project.run', vscode.Uri.file(nb), {
      mount: false,
    });
    created.push(handle.id);
    const url = await until('the Jupyter URL', () => handle.url);
    await saveNotebook(url, 'only-inside.ipynb', 'inside');
    const info = (await engine.listContainers()).find((c) => c.id === handle.id)!;
    const node = { id: `c:${info.id}`, kind: 'container', label: info.name, container: info };
    const r = await vscode.commands.executeCommand<{ copied: string[] }>(
      'dsContainers.containers.remove',
      node,
      undefined,
      { confirmed: true, copyOut: true },
    );
    const copy = path.join(nb, `from-container-${info.name}`, 'only-inside.ipynb');
    assert.ok(r.copied.includes(copy), r.copied.join(', '));
    assert.match(fs.readFileSync(copy, 'utf8'), /inside/);
    assert.ok(!fs.existsSync(path.join(nb, 'only-inside.ipynb')), 'it was not mounted');
    fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  });
});
