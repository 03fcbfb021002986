// Which interpreter we probe, inside the real extension host. The runner (test/editor/exttest.mjs)
// loads a stand-in for the Python extension next to ours (test/fixtures/python-extension-standin):
// its active interpreter is python/bin/python-a, a logging wrapper around the real python3; python-b
// adds one distribution (dscstandin-pkg 4.5.6) that no other interpreter has, so which interpreter
// answered shows in the versions.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { PythonInterpreters } from '../../../src/vscode/platform/python';
import type { Log } from '../../../src/vscode/platform/log';
import type { TreeNode } from '../../../src/core/docker/tree';
import { until } from './until';

interface StandIn {
  calls: { method: string; resource?: string; path?: string }[];
  setActive(p: string): void;
}

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const bin = (name: string) => path.join(ws(), 'python', 'bin', name);
const uses = () => vscode.Uri.file(path.join(ws(), 'python', 'uses.py'));

/** A Log that keeps its lines, to check what the log channel is told. */
function memoryLog(): { log: Log; lines: string[] } {
  const lines: string[] = [];
  const keep = (m: string) => void lines.push(m);
  return { lines, log: { info: keep, warn: keep, error: keep, debug: keep, trace: keep } as unknown as Log };
}

const project = async () =>
  (await vscode.commands.executeCommand<{ project: TreeNode[] }>('dsContainers.explorer.snapshot')).project;
const all = (nodes: TreeNode[]): TreeNode[] => nodes.flatMap((n) => [n, ...all(n.children ?? [])]);
/** The header of the python/ project: the workspace holds several projects, so it sits under that project's node. */
const header = async () => all(await project()).find((n) => n.id === 'python/summary');
// Drift's own warning (another check, Check Image Imports, may also have said something about the import).
const driftMessage = () =>
  vscode.languages.getDiagnostics(uses()).find((d) => d.source === 'dsc-requirements' && /dscstandin/.test(d.message))
    ?.message;

describe('python interpreter', function () {
  this.timeout(120000); // two probes and a whole-workspace scan on a busy 2-core machine
  let standin: StandIn;
  before(async () => {
    const peer = vscode.extensions.getExtension('ms-python.python');
    assert.ok(peer, 'the runner loads the Python extension stand-in next to ours');
    standin = ((await peer.activate()) as { standin: StandIn }).standin;
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    await vscode.commands.executeCommand('workbench.view.extension.dsContainers');
    await vscode.commands.executeCommand('dsContainers.project.focus');
  });
  after(() => standin.setActive(bin('python-a')));

  it("answers with the Python extension's active interpreter for the resource, and logs it", async () => {
    const { log, lines } = memoryLog();
    const python = new PythonInterpreters(log);
    try {
      assert.deepStrictEqual(await python.forResource(uses()), {
        command: bin('python-a'),
        source: 'python-extension',
      });
      assert.ok(
        standin.calls.some((c) => c.method === 'getActiveEnvironmentPath' && c.resource === uses().fsPath),
        JSON.stringify(standin.calls),
      );
      assert.ok(
        lines.some((l) => l.includes(bin('python-a')) && /Python extension/.test(l)),
        lines.join('\n'),
      );
    } finally {
      python.dispose();
    }
  });

  it('the Project view and import drift probe that interpreter', async () => {
    await vscode.window.showTextDocument(uses());
    const message = await until('a drift warning on uses.py', driftMessage, 60000);
    assert.doesNotMatch(message, /4\.5\.6/, 'python-a has no dscstandin-pkg');
    const summary = await until('the Project view header', header, 60000);
    assert.ok(
      String(summary.tooltip).includes(`Interpreter: ${bin('python-a')} (the Python extension`),
      String(summary.tooltip),
    );
    assert.ok(fs.existsSync(path.join(ws(), 'python', 'python-a.log')), 'python-a was run');
    assert.ok(!fs.existsSync(path.join(ws(), 'python', 'python-b.log')), 'python-b not yet');
  });

  it('switching the active environment re-probes: drift and the Project view show the new versions', async () => {
    standin.setActive(bin('python-b'));
    const message = await until(
      "drift with python-b's version",
      () => {
        const m = driftMessage();
        return m && /dscstandin-pkg 4\.5\.6 is installed/.test(m) ? m : undefined;
      },
      90000,
      () =>
        `${driftMessage() ?? 'no drift warning'} (python-b probed: ${fs.existsSync(path.join(ws(), 'python', 'python-b.log'))})`,
    );
    assert.match(message, /no requirement provides it/);
    const pkg = await until(
      "the Project view with python-b's version",
      async () => {
        const summary = await header();
        return String(summary?.tooltip).includes(bin('python-b'))
          ? all(await project()).find((n) => n.id.startsWith('python/') && n.label === 'dscstandin-pkg')
          : undefined;
      },
      60000,
    );
    assert.match(String(pkg.description), /^4\.5\.6/);
    assert.ok(fs.readFileSync(path.join(ws(), 'python', 'python-b.log'), 'utf8').includes('-c'), 'python-b was probed');
  });

  it('without the Python extension: dsContainers.python.path, else python3', async () => {
    // The one injected seam: the stand-in stays installed for the other tests (an extension cannot
    // be removed from a running host), so this instance is told the Python extension is absent.
    const { log } = memoryLog();
    const python = new PythonInterpreters(log, () => undefined);
    const config = vscode.workspace.getConfiguration('dsContainers');
    try {
      assert.deepStrictEqual(await python.forResource(uses()), { command: 'python3', source: 'default' });
      const changed = new Promise<void>((resolve) => python.onDidChange(() => resolve()));
      await config.update('python.path', bin('python-b'), vscode.ConfigurationTarget.Workspace);
      await changed;
      assert.deepStrictEqual(await python.forResource(uses()), { command: bin('python-b'), source: 'setting' });
    } finally {
      await config.update('python.path', undefined, vscode.ConfigurationTarget.Workspace);
      python.dispose();
    }
  });
});
