import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import Docker from 'dockerode';
import { BuildOutcome } from '../../../src/node/docker/build';
import { RunHandle } from '../../../src/vscode/buildRun/state';
import { ImportCheckResult } from '../../../src/node/docker/importCheck';
import { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const lensDir = () => path.join(ws(), 'build-run', 'dsc-test-build-lens');
const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const images = [
  'dsc-test-build-jupyter:latest',
  'dsc-test-build-imports:latest',
  'dsc-test-build-lens:latest',
  'dsc-test-build-lens-compose',
  'dsc-test-build-broken:latest',
  'dsc-test-build-containerize:latest',
  'dsc-test-build-containerize-nb:latest',
  'dsc-test-build-containerize-stats:latest',
  'dsc-test-build-containerize-scipy:latest',
];

async function until<T>(fn: () => Promise<T | undefined> | T | undefined, ms = 30000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('build and run', function () {
  this.timeout(240000);
  after(async () => {
    await vscode.commands
      .executeCommand('dsContainers.compose.down', vscode.Uri.file(path.join(lensDir(), 'compose.yaml')))
      .then(undefined, () => undefined);
    for (const t of images) await engine.removeBuiltImage(t).catch(() => undefined);
  });

  it('CodeLens on a Dockerfile offers Build · Run · Check · Compose Up, and each command runs', async () => {
    const uri = vscode.Uri.file(path.join(lensDir(), 'Dockerfile'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await until(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return l?.some((x) => x.command?.command === 'dsContainers.project.build') ? l : undefined;
    });
    const ours = lenses.filter((l) => l.command?.command.startsWith('dsContainers.'));
    assert.deepStrictEqual(
      ours.map((l) => l.command!.title),
      ['$(tools) Build', '$(play) Run', '$(checklist) Check', '$(layers) Compose Up'],
    );
    const run = (i: number) =>
      vscode.commands.executeCommand<unknown>(ours[i].command!.command, ...(ours[i].command!.arguments ?? []));
    const built = (await run(0)) as BuildOutcome;
    assert.ok(built?.ok, built?.error);
    const handle = (await run(1)) as RunHandle;
    assert.strictEqual(handle.mode, 'script');
    assert.strictEqual(await handle.exit, 0);
    const check = (await run(2)) as ImportCheckResult;
    assert.deepStrictEqual(check.modules, ['numpy']);
    assert.strictEqual(check.failures.length, 0);
    assert.strictEqual(await run(3), 0, 'compose up exits 0');
    assert.strictEqual(
      await vscode.commands.executeCommand('dsContainers.compose.down', ours[3].command!.arguments![0]),
      0,
    );
  });

  it("after a build, inlay hints show each layer's size (and the base image on FROM)", async () => {
    const uri = vscode.Uri.file(path.join(lensDir(), 'Dockerfile'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const built = await vscode.commands.executeCommand<BuildOutcome>('dsContainers.project.build', uri);
    assert.ok(built?.ok);
    const hints = await until(async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>(
        'vscode.executeInlayHintProvider',
        uri,
        new vscode.Range(0, 0, doc.lineCount, 0),
      );
      return h && h.length >= 4 ? h : undefined;
    });
    const byLine = new Map(
      hints.map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]),
    );
    // One size format, the tree's (1.07GB), everywhere; no "+0 B" after WORKDIR or CMD (issue 12).
    assert.match(byLine.get(0) ?? '', /^[\d.]+(MB|GB) · .+ old$/, 'FROM: size and age');
    for (const line of [2, 3, 4])
      assert.match(
        byLine.get(line) ?? '',
        /^\+[\d.]+(B|kB|MB|GB)( · cached)?$/,
        `line ${line + 1}: ${byLine.get(line)}`,
      );
    assert.deepStrictEqual(
      [byLine.get(1), byLine.get(5)],
      [undefined, undefined],
      'no hint on metadata-only instructions',
    );
    assert.match(byLine.get(3)!, /· cached$/, 'the second build reuses pip install');
  });

  it('a broken RUN line becomes an error diagnostic on that line', async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-build-broken');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM python:3.11-slim\nWORKDIR /app\n\nRUN python -c "import numpy"\n',
    );
    const uri = vscode.Uri.file(path.join(dir, 'Dockerfile'));
    const r = await vscode.commands.executeCommand<BuildOutcome>('dsContainers.project.build', uri);
    assert.strictEqual(r?.ok, false);
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'ds-containers build');
    assert.strictEqual(d.length, 1);
    assert.strictEqual(d[0].range.start.line, 3);
    // The cause in the step's own words, not BuildKit's "executor failed running …" wrapper (issue 12).
    assert.match(d[0].message, /ModuleNotFoundError: No module named 'numpy'/);
    assert.doesNotMatch(d[0].message, /executor failed/);
  });

  it("a shell's failure and a base image missing offline are said in their own words (issue 27)", async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-build-causes');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'Dockerfile');
    const uri = vscode.Uri.file(file);
    const build = async (text: string) => {
      fs.writeFileSync(file, text);
      const r = await vscode.commands.executeCommand<BuildOutcome>('dsContainers.project.build', uri);
      assert.strictEqual(r?.ok, false);
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'ds-containers build');
      assert.strictEqual(d.length, 1);
      return d[0];
    };
    const typo = await build('FROM python:3.11-slim\nRUN pyhton -c 1\n');
    assert.deepStrictEqual([typo.range.start.line, typo.message], [1, 'Build failed: /bin/sh: 1: pyhton: not found']);
    const base = await build('FROM python:3.11-slim AS a\nRUN true\nFROM dsc-test/not-here:1\n');
    assert.strictEqual(base.range.start.line, 2);
    assert.strictEqual(
      base.message,
      'Build failed: dsc-test/not-here:1 is not on this machine and its registry cannot be reached: ' +
        'pick a local base image',
    );
  });

  it('Containerize Project… goes from source to a finished run on a fixture copy', async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-build-containerize');
    fs.cpSync(path.resolve(__dirname, '../../../../test/fixtures/projects/linear-classifier-script'), dir, {
      recursive: true,
    });
    const r = await vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
      folder: dir,
      noPreview: true,
      noPin: true,
      spec: { baseImage: 'local/python:3.11-scipy' },
    });
    assert.deepStrictEqual(r.written.sort(), [
      '.devcontainer/devcontainer.json',
      '.dockerignore',
      'Dockerfile',
      'compose.yaml',
      'requirements.txt',
    ]);
    assert.ok(r.build?.ok, r.build?.error);
    assert.ok(r.run);
    assert.strictEqual(await r.run.exit, 0);
  });

  it('Check Image Imports puts a missing import on its line in the Problems', async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-build-imports');
    const built = await vscode.commands.executeCommand<BuildOutcome>(
      'dsContainers.project.build',
      vscode.Uri.file(dir),
    );
    assert.ok(built?.ok, built?.error);
    const r = await vscode.commands.executeCommand<ImportCheckResult>(
      'dsContainers.project.checkImports',
      vscode.Uri.file(dir),
    );
    assert.strictEqual(r.failures.length, 1);
    const d = vscode.languages
      .getDiagnostics(vscode.Uri.file(path.join(dir, 'main.py')))
      .filter((x) => x.source === 'ds-containers check');
    assert.deepStrictEqual(
      d.map((x) => [x.range.start.line, x.severity]),
      [[2, vscode.DiagnosticSeverity.Error]],
    );
    assert.match(d[0].message, /"numpy" does not import in the image: ModuleNotFoundError/);
  });

  it('Open Jupyter starts the server, gives the tokened URL on 127.0.0.1, and closing the run removes the container', async () => {
    const dir = vscode.Uri.file(path.join(ws(), 'build-run', 'dsc-test-build-jupyter'));
    assert.ok((await vscode.commands.executeCommand<BuildOutcome>('dsContainers.project.build', dir))?.ok);
    const url = await vscode.commands.executeCommand<string>('dsContainers.project.openJupyter', dir, { open: false });
    // code-server is a remote editor: Jupyter serves under its proxy's /absproxy/PORT/ path.
    assert.match(url, /^http:\/\/127\.0\.0\.1:(\d+)\/(absproxy\/\d+\/)?\?token=\w+$/);
    const u = new URL(url);
    assert.strictEqual(
      (await fetch(`${u.origin}${u.pathname}api/status?token=${u.searchParams.get('token')}`)).status,
      200,
    );
    assert.strictEqual((await fetch(`${u.origin}${u.pathname}api/status`)).status, 403);
    const again = await vscode.commands.executeCommand<string>('dsContainers.project.openJupyter', dir, {
      open: false,
    });
    assert.strictEqual(again, url, 'the running server is reused');
    const docker = new Docker();
    const mine = () => docker.listContainers({ all: true, filters: { label: [`dsContainers.project=${dir.fsPath}`] } });
    const running = await mine();
    assert.strictEqual(running.length, 1);
    assert.ok(
      running[0].Ports.every((p) => !p.IP || p.IP === '127.0.0.1'),
      JSON.stringify(running[0].Ports),
    );
    for (const t of vscode.window.terminals.filter((x) => x.name.startsWith('Run dsc-test-build-jupyter'))) t.dispose();
    await until(async () => (await mine()).length === 0 || undefined, 30000);
  });

  it('Containerize Project… on the notebook example runs Jupyter; closing the run removes it', async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-build-containerize-nb');
    fs.cpSync(path.resolve(__dirname, '../../../../test/fixtures/projects/linear-classifier-notebook'), dir, {
      recursive: true,
    });
    const r = await vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
      folder: dir,
      noPreview: true,
      noPin: true,
      spec: { baseImage: 'local/jupyter:3.11' },
    });
    assert.ok(r.build?.ok, r.build?.error);
    assert.strictEqual(r.run?.mode, 'jupyter');
    assert.match((await r.run.url) ?? '', /^http:\/\/127\.0\.0\.1:\d+\/(absproxy\/\d+\/)?(lab)?\?token=\w+$/);
    r.run.stop();
    assert.strictEqual(await r.run.exit, 0);
    assert.strictEqual(await engine.runExists(r.run.id), false);
  });

  it('Containerize Project… takes two more projects from bare source to a finished run', async () => {
    for (const [name, fixture, code] of [
      ['stats', 'script-stats', 0],
      ['scipy', 'script-exitcode', 3],
    ] as const) {
      const dir = path.join(ws(), 'build-run', `dsc-test-build-containerize-${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(
        path.resolve(__dirname, `../../../../test/fixtures/build-run/${fixture}/main.py`),
        path.join(dir, 'main.py'),
      );
      const r = await vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
        folder: dir,
        noPreview: true,
        noPin: true,
        spec: { baseImage: 'local/python:3.11-scipy' },
      });
      assert.ok(r.build?.ok, r.build?.error);
      assert.strictEqual(await r.run!.exit, code, name);
    }
  });
});
