// Developing inside the container: the Jupyter servers we list for the kernel picker, the notebook folder
// mapping, and the debugpy command and attach configuration (launch.json edits keep the user's text).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  containerPathFor,
  jupyterContainers,
  jupyterServerOf,
  jupyterUrlWithToken,
  serverRoot,
} from '../../src/core/develop/jupyterServers';
import {
  addLaunchConfiguration,
  attachConfig,
  debugImageDockerfile,
  debugPort,
  debugpyCommand,
  launchLocalRoot,
} from '../../src/core/develop/debug';
import { ContainerInfo } from '../../src/core/docker/types';

const container = (over: Partial<ContainerInfo> = {}): ContainerInfo => ({
  id: 'abc123def4567890',
  name: 'sales-jupyter',
  image: 'sales:latest',
  imageId: 'sha256:1',
  state: 'running',
  status: 'Up',
  created: 1,
  ports: [{ containerPort: 8888, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 23456 }],
  labels: { 'dsContainers.project': '/home/me/sales', 'dsContainers.mode': 'jupyter' },
  ...over,
});
const log = '[I 10:00 ServerApp] Jupyter Server is running at:\n    http://3f2a:8888/lab?token=abc123\n';

test('our running Jupyter containers only: labelled by our runs, running', () => {
  const ours = container();
  const list = [
    ours,
    container({ id: 'x', state: 'exited' }),
    container({ id: 'y', labels: { 'dsContainers.mode': 'jupyter' } }),
    container({ id: 'z', labels: { 'dsContainers.project': '/p', 'dsContainers.mode': 'script' } }),
  ];
  assert.deepEqual(
    jupyterContainers(list).map((c) => c.id),
    [ours.id],
  );
});

test('server entry: the 127.0.0.1 port, the server root without /lab, the token from the log', () => {
  const s = jupyterServerOf(container(), log);
  assert.deepEqual(s, {
    id: 'abc123def4567890',
    label: 'sales (container sales-jupyter)',
    baseUrl: 'http://127.0.0.1:23456/',
    token: 'abc123',
    projectDir: '/home/me/sales',
  });
  assert.equal(jupyterUrlWithToken(s!), 'http://127.0.0.1:23456/?token=abc123');
  assert.equal(jupyterServerOf(container(), 'starting…'), undefined, 'no URL printed yet');
  assert.equal(jupyterServerOf(container({ ports: [] }), log), undefined, 'not published');
  const proxied = jupyterServerOf(container(), 'http://h:8888/absproxy/23456/lab?token=t1');
  assert.equal(proxied?.baseUrl, 'http://127.0.0.1:23456/absproxy/23456/');
  assert.equal(serverRoot('/tree'), '/');
  assert.equal(serverRoot('/base/lab/tree/a.ipynb'), '/base/');
});

test('a notebook folder maps to the same relative path in the container', () => {
  assert.equal(containerPathFor('/home/me/sales', '/home/me/sales/notebooks/q1.ipynb'), '/app/notebooks/q1.ipynb');
  assert.equal(containerPathFor('/home/me/sales/', '/home/me/sales'), '/app');
  assert.equal(containerPathFor('C:\\me\\sales', 'C:\\me\\sales\\nb\\a.ipynb'), '/app/nb/a.ipynb');
  assert.equal(containerPathFor('/home/me/sales', '/home/me/sales-old/a.ipynb'), undefined);
});

test('debugpy: the entry under debugpy on a stable per-project port, waiting for the debugger', () => {
  const port = debugPort('/home/me/train');
  assert.equal(port, debugPort('/home/me/train'));
  assert.ok(port >= 30000 && port < 35000);
  assert.deepEqual(debugpyCommand('src/train.py', port), [
    'python',
    '-m',
    'debugpy',
    '--listen',
    `0.0.0.0:${port}`,
    '--wait-for-client',
    'src/train.py',
  ]);
  assert.equal(
    debugImageDockerfile('train:latest'),
    'FROM train:latest\nRUN python -m pip install --no-cache-dir --user debugpy\n',
  );
});

test('attach configuration: 127.0.0.1, the project mapped to /app, localRoot through ${workspaceFolder}', () => {
  assert.equal(launchLocalRoot('/ws', '/ws'), '${workspaceFolder}');
  assert.equal(launchLocalRoot('/ws', '/ws/projects/train'), '${workspaceFolder}/projects/train');
  const c = attachConfig('${workspaceFolder}', 31000);
  assert.deepEqual(c, {
    name: 'Debug in Container (ds-containers)',
    type: 'debugpy',
    request: 'attach',
    connect: { host: '127.0.0.1', port: 31000 },
    pathMappings: [{ localRoot: '${workspaceFolder}', remoteRoot: '/app' }],
    justMyCode: true,
  });
});

test('launch.json: created, added to, replaced by name; comments and other configurations kept', () => {
  const parse = (t: string) => JSON.parse(t.replace(/^\s*\/\/.*$/gm, ''));
  const c = attachConfig('${workspaceFolder}', 31000);
  const fresh = parse(addLaunchConfiguration(undefined, c));
  assert.deepEqual(fresh, { version: '0.2.0', configurations: [c] });
  const mine =
    '{\n  // my launch file\n  "version": "0.2.0",\n  "configurations": [\n    {"name": "Run", "type": "debugpy", "request": "launch"}\n  ]\n}\n';
  const added = addLaunchConfiguration(mine, c);
  assert.match(added, /\/\/ my launch file/);
  assert.deepEqual(
    parse(added).configurations.map((x: { name: string }) => x.name),
    ['Run', c.name],
  );
  const replaced = addLaunchConfiguration(added, attachConfig('${workspaceFolder}', 32000));
  assert.deepEqual(
    parse(replaced).configurations.map((x: { connect?: { port: number } }) => x.connect?.port),
    [undefined, 32000],
  );
  assert.deepEqual(parse(addLaunchConfiguration('{"version": "0.2.0"}', c)).configurations, [c]);
});
