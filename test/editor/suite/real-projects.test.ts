// Issue 11 in the editor: Containerize takes the four real-project shapes the CLI's `up` is tested on
// (test/docker/up-real.test.ts) from bare source to a working container: a subfolder entry importing the
// root package with settings in .env, a src/ layout installed from pyproject.toml, a FastAPI app reading
// .env, notebooks importing a root package.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import Docker from 'dockerode';
import { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';
import { until } from './until';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/real');
const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const docker = new Docker();
const tags: string[] = [];
const dirs: string[] = [];

/** A fresh copy of a fixture in the workspace (the scan must see a real folder), with extra files. */
function copy(name: string, extra: Record<string, string> = {}): string {
  const dir = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'real-projects', `dsc-test-real-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  for (const [f, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, f), text);
  tags.push(`dsc-test-real-${name}:latest`);
  dirs.push(dir);
  return dir;
}

const containerize = (folder: string, baseImage: string) =>
  vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
    folder,
    noPreview: true,
    noPin: true,
    spec: { baseImage },
  });

describe('Containerize on real-project shapes (issue 11)', function () {
  this.timeout(600000);
  after(async () => {
    // A development run (the notebook's Jupyter, the app) keeps its container when it stops: remove them.
    for (const c of await docker.listContainers({ all: true }))
      if (dirs.includes(c.Labels['dsContainers.project'] ?? ''))
        await docker
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined);
    fs.rmSync(path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'real-projects'), {
      recursive: true,
      force: true,
    });
    for (const t of tags) await engine.removeBuiltImage(t).catch(() => undefined);
  });

  it('a subfolder entry importing the root package, settings from .env: the run ends with code 0', async () => {
    const dir = copy('subfolder-env', { '.env': 'CHURN_THRESHOLD="0.5"\n' });
    const r = await containerize(dir, 'local/python:3.11-scipy');
    assert.ok(r.build?.ok, r.build?.error);
    assert.strictEqual(await r.run!.exit, 0, 'examples/predict.py imports churn and reads CHURN_THRESHOLD');
    // The settings reach the container at run time only, never the image.
    const probe = spawnSync('docker', ['run', '--rm', 'dsc-test-real-subfolder-env:latest', 'test', '-e', '/app/.env']);
    assert.strictEqual(probe.status, 1, '.env is not in the image');
  });

  it('a src/ layout with pyproject.toml: the project is installed and its script runs', async () => {
    const dir = copy('src-pyproject');
    const r = await containerize(dir, 'local/python:3.11-scipy');
    assert.ok(r.build?.ok, r.build?.error);
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^RUN pip install .*-e \.$/m);
    assert.strictEqual(await r.run!.exit, 0);
  });

  it('a FastAPI app with .env: served on 127.0.0.1, its answer carries the setting', async () => {
    const dir = copy('fastapi-env', { '.env': 'export GREETING=hello from .env\n' });
    const r = await containerize(dir, 'local/python:3.11-web');
    assert.ok(r.build?.ok, r.build?.error);
    const info = await docker.getContainer(r.run!.id).inspect();
    const binding = info.NetworkSettings.Ports['8000/tcp']?.[0];
    assert.strictEqual(binding?.HostIp, '127.0.0.1');
    const body = await until('the app to answer', async () => {
      // refused until the server listens
      const res = await fetch(`http://127.0.0.1:${binding!.HostPort}/`).catch(() => undefined);
      return res?.status === 200 ? res.text() : undefined;
    });
    assert.strictEqual(body, '{"greeting":"hello from .env"}');
    r.run!.stop();
    await r.run!.exit;
  });

  it('notebooks importing a root package: Jupyter answers with its token and only with it', async () => {
    const dir = copy('notebook-helpers');
    const r = await containerize(dir, 'local/jupyter:3.11');
    assert.ok(r.build?.ok, r.build?.error);
    assert.strictEqual(r.run?.mode, 'jupyter');
    const url = new URL((await r.run.url) ?? 'http://invalid/');
    // Under the server's base URL (a remote editor's proxy path when the editor is remote, as code-server is).
    const api = `${url.origin}${url.pathname.replace(/[^/]*$/, '')}api/contents/notebooks`;
    assert.strictEqual((await fetch(`${api}?token=${url.searchParams.get('token')}`)).status, 200);
    assert.strictEqual((await fetch(api)).status, 403);
    r.run.stop();
    await r.run.exit;
  });
});
