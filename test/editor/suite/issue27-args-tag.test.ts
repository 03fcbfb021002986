// Issue 27, defects 2 and 10, in the editor: Containerize runs the entry with the arguments of the project's own
// compose.yaml (a crash without them was reported as success), and builds the image under the tag the preview
// shows, which is written into the Dockerfile and read back from it by the build.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ContainerizeResult } from '../../../src/vscode/buildRun/containerize';
import { Engine } from '../../../src/node/docker/engine';
import { resolveEndpoint } from '../../../src/node/docker/endpoint';

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const NAME = 'dsc-test-issue27-args';
const EDITED = 'dsc-test-issue27/train:2';

describe('issue 27: the arguments and the image tag of Containerize', function () {
  this.timeout(240000);
  const dir = () => path.join(ws(), 'issue27', NAME);
  after(async () => {
    for (const t of [`${NAME}:latest`, EDITED]) await engine.removeBuiltImage(t).catch(() => undefined);
    fs.rmSync(path.join(ws(), 'issue27'), { recursive: true, force: true });
  });

  it("runs the entry with compose.yaml's command arguments, and builds under the tag the Dockerfile names", async () => {
    fs.mkdirSync(dir(), { recursive: true });
    // Exits 1 without the arguments, as the project did.
    fs.writeFileSync(
      path.join(dir(), 'train.py'),
      'import sys\n\nif __name__ == "__main__":\n    sys.exit(0 if sys.argv[1:] == ["--epochs", "2"] else 1)\n',
    );
    const compose = 'services:\n  app:\n    build: .\n    command: ["python", "train.py", "--epochs", "2"]\n';
    fs.writeFileSync(path.join(dir(), 'compose.yaml'), compose);
    const containerize = (o: object) =>
      vscode.commands.executeCommand<ContainerizeResult>('dsContainers.project.containerize', {
        folder: dir(),
        noPreview: true,
        noPin: true,
        ...o,
      });
    const first = await containerize({ spec: { baseImage: 'python:3.11-slim' } });
    const dockerfile = () => fs.readFileSync(path.join(dir(), 'Dockerfile'), 'utf8');
    assert.match(dockerfile(), /^CMD \["python", "train\.py", "--epochs", "2"\]$/m);
    assert.ok(first.build?.ok, first.build?.error);
    assert.strictEqual(first.build.tag, `${NAME}:latest`);
    assert.ok(first.run, first.message);
    assert.strictEqual(await first.run.exit, 0, 'the container got the arguments');
    assert.strictEqual(fs.readFileSync(path.join(dir(), 'compose.yaml'), 'utf8'), compose, "the user's compose kept");
    // The tag edited (the preview's Image tag row sets spec.tag): written into # Build:, and the build uses it.
    const second = await containerize({ spec: { baseImage: 'python:3.11-slim', tag: EDITED }, run: false });
    assert.ok(second.written.includes('Dockerfile'), second.written.join(' '));
    assert.match(dockerfile(), new RegExp(`^# Build: .* -t ${EDITED.replace(/[/.]/g, '\\$&')} \\.$`, 'm'));
    assert.ok(second.build?.ok, second.build?.error);
    assert.strictEqual(second.build.tag, EDITED);
    assert.ok(await engine.imageSummary(EDITED), `${EDITED} exists`);
  });
});
