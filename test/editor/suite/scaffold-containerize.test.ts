import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

/** A fresh project under the workspace's scaffold/ folder (the scan must see a real folder). */
function project(name: string, files: Record<string, string | Buffer>): string {
  const dir = path.join(ws(), 'scaffold', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

const containerize = (folder: string) =>
  vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
    folder,
    noPreview: true,
    noPin: true,
    build: false,
  });

describe('containerize writes files like the CLI scaffold', function () {
  this.timeout(120000);
  after(() => fs.rmSync(path.join(ws(), 'scaffold'), { recursive: true, force: true }));

  it('keeps an existing docker-compose.yml as the compose file (no compose.yaml beside it)', async () => {
    const mine = 'services:\n  app:\n    build: .\n';
    const dir = project('compose-v1', {
      'train.py': 'import numpy\n\nif __name__ == "__main__":\n    pass\n',
      'docker-compose.yml': mine,
    });
    const r = await containerize(dir);
    assert.ok(!fs.existsSync(path.join(dir, 'compose.yaml')), 'no second compose file');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'), mine);
    assert.deepStrictEqual(r.kept, ['docker-compose.yml']);
    assert.ok(r.written.includes('Dockerfile'));
  });

  it('no runnable entry (library modules only): a choice, not a dead end; JupyterLab is taken', async () => {
    const dir = project('no-entry', { 'mylib.py': 'def area(r):\n    return 3.14 * r * r\n' });
    let result: ContainerizeResult | null | undefined;
    void Promise.resolve(
      vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
        folder: dir,
        noPin: true,
        build: false,
      }),
    ).then((r) => (result = r ?? null));
    // Accept the first item of each quick pick: "JupyterLab", then the preview's "Write files".
    for (let i = 0; i < 200 && result === undefined; i++) {
      await new Promise((r) => setTimeout(r, 250));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.ok(result, 'containerize finished');
    assert.ok(result.written.includes('Dockerfile'), result.written.join(' '));
    assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /jupyter/i);
  });

  it('replaces its own unchanged Dockerfile without asking, and keeps one the user edited (issue 27)', async () => {
    const dir = project('own-output', { 'train.py': 'import numpy\n\nif __name__ == "__main__":\n    pass\n' });
    const dockerfile = path.join(dir, 'Dockerfile');
    const run = (baseImage: string) =>
      vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
        folder: dir,
        noPreview: true,
        noPin: true,
        build: false,
        spec: { baseImage },
      });
    await run('python:3.11-slim');
    assert.match(fs.readFileSync(dockerfile, 'utf8'), /^FROM python:3\.11-slim/m);
    // Nobody touched it since: a different choice replaces it (no consent needed for our own output).
    const second = await run('local/python:3.11-scipy');
    assert.ok(second.written.includes('Dockerfile'), second.written.join(' '));
    assert.match(fs.readFileSync(dockerfile, 'utf8'), /^FROM local\/python:3\.11-scipy/m);
    // The user's edit makes it theirs: kept without the prompts.
    const mine = `${fs.readFileSync(dockerfile, 'utf8')}# my line\n`;
    fs.writeFileSync(dockerfile, mine);
    const third = await run('python:3.11-slim');
    assert.ok(third.kept.includes('Dockerfile'), third.kept.join(' '));
    assert.strictEqual(fs.readFileSync(dockerfile, 'utf8'), mine);
  });

  it('with Docker unreachable it writes the files, builds nothing and says why (issue 27)', async () => {
    const dir = project('engine-down', { 'train.py': 'import json\n\nif __name__ == "__main__":\n    pass\n' });
    const cfg = vscode.workspace.getConfiguration('dsContainers');
    await cfg.update(
      'docker.host',
      'unix:///tmp/dsc-test-containerize-no-such.sock',
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      const r = await vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
        folder: dir,
        noPreview: true,
        noPin: true,
      });
      assert.ok(r.written.includes('Dockerfile'), r.written.join(' '));
      assert.strictEqual(r.build, undefined, 'no build was tried');
      assert.match(
        r.message ?? '',
        /Nothing was built: cannot reach Docker at unix:\/\/\/tmp\/dsc-test-containerize-no-such\.sock/,
      );
    } finally {
      await cfg.update('docker.host', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('merges into a UTF-16 requirements.txt in UTF-16, and leaves a broken one untouched', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('pandas\r\n', 'utf16le')]);
    const dir = project('utf16', {
      'train.py': 'import numpy\nimport pandas\n\nif __name__ == "__main__":\n    pass\n',
      'requirements.txt': utf16,
    });
    const r = await containerize(dir);
    assert.ok(r.written.includes('requirements.txt'));
    const bytes = fs.readFileSync(path.join(dir, 'requirements.txt'));
    assert.ok(bytes.subarray(0, utf16.length).equals(utf16), 'the user bytes stay');
    assert.match(bytes.subarray(2).toString('utf16le'), /\r\nnumpy\r\n$/);

    const broken = 'pandas\nscipy >= \\\n';
    const dir2 = project('broken', {
      'train.py': 'import numpy\n\nif __name__ == "__main__":\n    pass\n',
      'requirements.txt': broken,
    });
    const r2 = await containerize(dir2);
    assert.strictEqual(fs.readFileSync(path.join(dir2, 'requirements.txt'), 'utf8'), broken);
    assert.ok(r2.kept.includes('requirements.txt'));
  });
});
