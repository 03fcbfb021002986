// The explorer inside the real extension host, against the real engine: the views list real
// images and containers, and the tree commands change the engine's state.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';
import { leaves, TreeNode } from '../../../src/core/docker/tree';
import { until } from './until';

/** The workspace folder's own project: the whole view, or its node's children when the view has a node per project. */
const rootProject = (nodes: TreeNode[]) => nodes.find((n) => n.id === 'project:')?.children ?? nodes;

interface Snapshot {
  state: string;
  reason?: string;
  images: TreeNode[];
  containers: TreeNode[];
  project: TreeNode[];
}
const NAME = `dsc-test-explorer-editor-${process.pid}`;
const engine = new Engine(resolveEndpoint({ env: process.env }));
const snapshot = () => vscode.commands.executeCommand<Snapshot>('dsContainers.explorer.snapshot');

const node = async (pred: (n: TreeNode) => boolean) => leaves((await snapshot()).containers).find(pred);
const state = async () => (await engine.listContainers()).find((c) => c.name === NAME)?.state;

describe('explorer views', () => {
  let id = '';
  before(async () => {
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dsContainers');
    await vscode.commands.executeCommand('dsContainers.containers.focus');
    const c = await (
      engine as unknown as { api: { createContainer(o: object): Promise<{ id: string }> } }
    ).api.createContainer({ Image: 'python:3.11-slim', name: NAME, Cmd: ['sleep', '600'], HostConfig: { Init: true } });
    id = c.id;
  });
  after(async () => {
    await engine.removeContainer(id, true).catch(() => undefined);
  });

  it('lists the real images and containers', async () => {
    const snap = await until('the trees to list the engine', async () => {
      const s = await snapshot();
      return s.state === 'live' && leaves(s.containers).some((n) => n.label === NAME) ? s : undefined;
    });
    const python = snap.images.find((n) => n.label === 'python');
    assert.ok(python, `images: ${snap.images.map((n) => n.label).join(', ')}`);
    assert.ok(python.children!.some((n) => n.label === '3.11-slim' && /MB · /.test(n.description!)));
    assert.ok(snap.images.some((n) => n.label === 'local/python'));
    assert.strictEqual(leaves(snap.containers).find((n) => n.label === NAME)!.contextValue, 'container:created');
    assert.ok(
      rootProject(snap.project).some((n) => n.label === 'Container files'),
      'the Project view shows the container files',
    );
  });

  it('start, stop and remove from the tree change the engine', async () => {
    const created = await until('our container', () => node((n) => n.label === NAME));
    await vscode.commands.executeCommand('dsContainers.containers.start', created);
    assert.strictEqual(await state(), 'running');
    const running = await until('shown running', () =>
      node((n) => n.label === NAME && n.contextValue === 'container:running'),
    );
    await vscode.commands.executeCommand('dsContainers.containers.stop', running);
    assert.strictEqual(await state(), 'exited');
    const stopped = await until('shown exited', () =>
      node((n) => n.label === NAME && n.contextValue === 'container:exited'),
    );
    await vscode.commands.executeCommand('dsContainers.containers.remove', stopped, [stopped], { confirmed: true });
    assert.strictEqual(await state(), undefined);
    await until('gone from the tree', async () => !(await node((n) => n.label === NAME)));
  });

  it('inspect opens a read-only JSON document with the engine data', async () => {
    const c = await engine.runImage('python:3.11-slim', { name: `${NAME}-inspect` });
    try {
      const n = await until('run container shown', () => node((x) => x.label === `${NAME}-inspect`));
      const uri = await vscode.commands.executeCommand<string>('dsContainers.containers.inspect', n);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
      assert.strictEqual(doc.languageId, 'json');
      assert.strictEqual(JSON.parse(doc.getText()).Id, c.id);
    } finally {
      await engine.removeContainer(c.id, true);
    }
  });

  it('multi-select remove removes every selected container; logs open in a terminal', async () => {
    const api = (engine as unknown as { api: { createContainer(o: object): Promise<{ id: string }> } }).api;
    const ids = await Promise.all(
      [1, 2].map((i) =>
        api.createContainer({ Image: 'python:3.11-slim', name: `${NAME}-multi${i}`, Cmd: ['true'] }).then((c) => c.id),
      ),
    );
    try {
      const nodes = await until('both shown', async () => {
        const ns = leaves((await snapshot()).containers).filter((n) => n.label.startsWith(`${NAME}-multi`));
        return ns.length === 2 ? ns : undefined;
      });
      await vscode.commands.executeCommand('dsContainers.containers.logs', nodes[0]);
      assert.ok(
        vscode.window.terminals.some((t) => t.name === `Logs: ${nodes[0].label}`),
        'a logs terminal',
      );
      await vscode.commands.executeCommand('dsContainers.containers.remove', nodes[0], nodes, { confirmed: true });
      const left = (await engine.listContainers()).filter((c) => c.name.startsWith(`${NAME}-multi`));
      assert.deepStrictEqual(left, []);
    } finally {
      for (const id of ids) await engine.removeContainer(id, true).catch(() => undefined);
    }
  });

  it('the Project view lists the imported packages and a click opens the import line', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.dsContainers');
    await vscode.commands.executeCommand('dsContainers.project.refresh');
    const pandas = await until(
      'pandas in the Project view',
      async () =>
        rootProject((await snapshot()).project)
          .find((n) => n.label === 'Runtime packages')
          ?.children?.find((n) => n.label === 'pandas'),
      60000,
    );
    const site = pandas.children!.find((n) => n.open?.file === 'explorer/churn.py');
    assert.ok(site, `sites: ${pandas.children!.map((n) => n.label).join(', ')}`);
    await vscode.commands.executeCommand('dsContainers.project.openSite', site);
    const ed = vscode.window.activeTextEditor!;
    assert.ok(ed.document.uri.path.endsWith('/explorer/churn.py'));
    assert.strictEqual(ed.selection.active.line, 0);
  });

  it('a wrong endpoint: the views are empty and say unreachable; fixing the setting recovers them', async () => {
    const cfg = vscode.workspace.getConfiguration('dsContainers');
    await cfg.update('docker.host', 'unix:///tmp/dsc-test-explorer-no-such.sock', vscode.ConfigurationTarget.Workspace);
    try {
      const down = await until('unreachable', async () => {
        const s = await snapshot();
        return s.state === 'unreachable' ? s : undefined;
      });
      assert.deepStrictEqual(down.images, []);
      assert.deepStrictEqual(down.containers, []);
      assert.match(down.reason!, /cannot reach Docker at unix:\/\/\/tmp\/dsc-test-explorer-no-such\.sock/);
    } finally {
      await cfg.update('docker.host', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const up = await until('live again', async () => {
      const s = await snapshot();
      return s.state === 'live' && s.images.length ? s : undefined;
    });
    assert.ok(up.images.some((n) => n.label === 'python'));
  });
});
