// Notebooks on the container's kernel: with the Jupyter extension (a stand-in exposing its public API), our
// running Jupyter container is a server of our collection; its connection information reaches the real
// server (token: 200, none: 403), and the server leaves the list when the container stops.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

async function until<T>(f: () => Promise<T | undefined> | T | undefined, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

interface Server {
  id: string;
  label: string;
  connectionInformation?: { baseUrl: vscode.Uri; token?: string };
}
interface Collection {
  id: string;
  label: string;
  serverProvider: {
    onDidChangeServers?: vscode.Event<void>;
    provideJupyterServers(t: vscode.CancellationToken): Promise<Server[]>;
    resolveJupyterServer(s: Server, t: vscode.CancellationToken): Server | undefined;
  };
}

describe('Develop in the container', function () {
  this.timeout(300000);

  it('our Jupyter container is in the kernel picker with a working URL and token, and leaves it when stopped', async () => {
    const jupyter = vscode.extensions.getExtension('ms-toolsai.jupyter')!;
    const standin = (await jupyter.activate()).standin as {
      collections: Collection[];
      token: () => vscode.CancellationToken;
    };
    await vscode.extensions.getExtension('ds-containers.ds-containers')!.activate();
    const collection = await until(
      () => standin.collections.find((c) => c.id === 'dsContainers'),
      20000,
      'our server collection',
    );
    assert.strictEqual(collection.label, 'Data Science Containers');
    const dir = vscode.Uri.file(path.join(ws(), 'build-run', 'dsc-test-build-jupyter'));
    assert.ok((await vscode.commands.executeCommand<{ ok: boolean }>('dsContainers.project.build', dir))?.ok);
    const url = await vscode.commands.executeCommand<string>('dsContainers.project.openJupyter', dir, { open: false });
    const provider = collection.serverProvider;
    const server = await until(
      async () =>
        (await provider.provideJupyterServers(standin.token())).find((s) =>
          s.label.startsWith('dsc-test-build-jupyter'),
        ),
      60000,
      'the server in the list',
    );
    const info = provider.resolveJupyterServer(server, standin.token())?.connectionInformation;
    assert.ok(info?.token, 'a token');
    const base = info.baseUrl.toString(true).replace(/\/?$/, '/');
    assert.strictEqual(new URL(url).origin, new URL(base).origin);
    assert.strictEqual((await fetch(`${base}api/kernelspecs?token=${info.token}`)).status, 200);
    assert.strictEqual((await fetch(`${base}api/kernelspecs`)).status, 403);
    const copied = await vscode.commands.executeCommand<string>('dsContainers.project.copyJupyterUrl');
    assert.strictEqual(copied, `${base}?token=${info.token}`);
    assert.strictEqual(await vscode.env.clipboard.readText(), copied);
    const changed = new Promise<void>((r) => provider.onDidChangeServers!(() => r()));
    for (const t of vscode.window.terminals.filter((x) => x.name.startsWith('Run dsc-test-build-jupyter'))) t.dispose();
    await changed;
    await until(
      async () =>
        (await provider.provideJupyterServers(standin.token())).some((s) => s.id === server.id) ? undefined : true,
      60000,
      'the server to leave',
    );
  });

  it('Reopen in Container without Dev Containers says how, for the project pointed at', async () => {
    const dir = path.join(ws(), 'build-run', 'dsc-test-develop cli');
    fs.mkdirSync(dir, { recursive: true });
    // The CLI command names the project's folder (issue 27: `--workspace-folder .` was the workspace root).
    const r = await vscode.commands.executeCommand<{ outcome: string; cli: string }>(
      'dsContainers.project.developInContainer',
      vscode.Uri.file(dir),
    );
    assert.deepStrictEqual(r, {
      outcome: 'explained',
      cli: "devcontainer up --workspace-folder 'build-run/dsc-test-develop cli'",
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
