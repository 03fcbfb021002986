// Development runs keep the user's work (issue 12, defect 1): a Jupyter run bind-mounts the
// project, a notebook saved through Jupyter's contents API is on disk after a Stop from outside
// (the Containers view's Stop), and that Stop leaves the container (stopped) rather than removing
// it. An unmounted run's edits are found by `docker diff` and copied out before removal.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';
import { runProject } from '../../src/node/docker/run';
import { copyOut, lossOnRemove } from '../../src/node/docker/copyOut';
import { stableHostPort } from '../../src/core/docker/jupyter';
import { captureIo, cleanupDirs, copyProject, FIXTURES, tagOf } from './helpers';

const engine = new Engine(resolveEndpoint({ env: process.env }), 30000);
const created: string[] = [];
let dir = '';

before(async () => {
  dir = copyProject(path.join(FIXTURES, 'projects', 'linear-classifier-notebook'), 'editor12-devrun');
  // `up --no-pin` writes the files and builds; its own run is stopped as soon as Jupyter is up.
  const io = captureIo(process.env, (l) => {
    if (/^Jupyter is ready/.test(l)) io.abort();
  });
  assert.equal(
    await main(['up', dir, '--no-pin', '--base-image', 'local/jupyter:3.11'], io),
    130,
    io.stderr.join('\n'),
  );
  // The image's user is UID 1000 (the build argument's default); as root here, hand it the folder.
  if (process.getuid?.() === 0)
    for (const f of [dir, ...fs.readdirSync(dir).map((x) => path.join(dir, x))]) fs.chownSync(f, 1000, 1000);
});

after(async () => {
  for (const id of created) await engine.removeContainer(id, true).catch(() => undefined);
  await engine.removeBuiltImage(tagOf(dir)).catch(() => undefined);
  cleanupDirs();
});

/** Starts Jupyter through runProject; resolves once its URL (with the token) is printed. */
async function startJupyter(mount?: boolean) {
  let ready!: (u: { hostUrl: string; token: string }) => void;
  const url = new Promise<{ hostUrl: string; token: string }>((r) => (ready = r));
  let id = '';
  const done = runProject(engine, {
    dir,
    tag: tagOf(dir),
    mount,
    onOutput: () => undefined,
    onStarted: (i) => {
      id = i;
      created.push(i);
    },
    onJupyter: (u) => ready(u),
  });
  done.catch(() => undefined);
  const u = await Promise.race([
    url,
    done.then(() => {
      throw new Error('Jupyter exited before printing its URL');
    }),
  ]);
  return { id, url: u, done };
}

async function saveNotebook(hostUrl: string, token: string, name: string, marker: string) {
  const origin = new URL(hostUrl).origin;
  const nb = {
    cells: [{ cell_type: 'code', source: `print("${marker}")`, metadata: {}, outputs: [], execution_count: null }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  const r = await fetch(`${origin}/api/contents/${name}`, {
    method: 'PUT',
    headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'notebook', format: 'json', content: nb }),
  });
  assert.ok(r.ok, `contents API: ${r.status} ${await r.text()}`);
}

test(
  'Jupyter runs mounted by default: an edit survives a Stop from outside, which keeps the container',
  { timeout: 300_000 },
  async () => {
    const { id, url, done } = await startJupyter();
    // Not 8888 (a local Jupyter's port): the project's own stable port.
    assert.equal(new URL(url.hostUrl).port, String(stableHostPort(path.resolve(dir))));
    const marker = `saved-in-jupyter-${Date.now()}`;
    await saveNotebook(url.hostUrl, url.token, 'edited.ipynb', marker);
    await engine.stopContainer(id); // what the Containers view's Stop calls
    const r = await done;
    assert.equal(r.stopped, false);
    assert.equal(await engine.runExists(id), true, 'Stop stops; it does not remove');
    assert.match(fs.readFileSync(path.join(dir, 'edited.ipynb'), 'utf8'), new RegExp(marker));
    assert.deepEqual((await lossOnRemove(engine, id)).paths, [], 'nothing of the project lives only in the container');
  },
);

test(
  'an unmounted run: removal would lose the edit, `docker diff` names it, and it can be copied out first',
  { timeout: 300_000 },
  async () => {
    const { id, url, done } = await startJupyter(false);
    await saveNotebook(url.hostUrl, url.token, 'only-inside.ipynb', 'inside');
    await engine.stopContainer(id);
    await done;
    const loss = await lossOnRemove(engine, id);
    assert.ok(loss.paths.includes('/app/only-inside.ipynb'), loss.paths.join(', '));
    assert.match(loss.summary, /in \/app differ.* from the image: .*only-inside\.ipynb/);
    const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-editor12-copyout-'));
    try {
      const written = await copyOut(engine, id, loss.workdir, loss.paths, dest);
      assert.ok(written.includes(path.join(dest, 'only-inside.ipynb')), written.join(', '));
      assert.match(fs.readFileSync(path.join(dest, 'only-inside.ipynb'), 'utf8'), /inside/);
    } finally {
      fs.rmSync(dest, { recursive: true, force: true });
    }
  },
);
