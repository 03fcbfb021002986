import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserJupyterUrl, isJupyterCommand, proxyBaseUrl, stableHostPort } from '../../src/core/docker/jupyter';
import { changesFromEngine, describeLoss, lostOnRemove } from '../../src/core/docker/changes';
import { containerCreateBody } from '../../src/core/docker/create';

test('Jupyter host port: stable per project, not 8888, inside 20000–29999', () => {
  const a = stableHostPort('/work/churn-notebook');
  assert.equal(a, stableHostPort('/work/churn-notebook'));
  assert.notEqual(a, stableHostPort('/work/churn-script'));
  assert.ok(a >= 20000 && a < 30000 && a !== 8888);
  const body = containerCreateBody(
    { image: 'x', ports: [8888], hostPorts: { 8888: a }, autoRemove: false, labels: {} },
    'same',
  ) as { HostConfig: { PortBindings: Record<string, { HostPort: string; HostIp: string }[]> } };
  assert.deepEqual(body.HostConfig.PortBindings['8888/tcp'], [{ HostIp: '127.0.0.1', HostPort: String(a) }]);
});

test("remote editors: code-server's /proxy/PORT/ becomes /absproxy/PORT/ (the path Jupyter is told to serve under)", () => {
  assert.equal(proxyBaseUrl('/proxy/23456/', 23456), '/absproxy/23456/');
  assert.equal(proxyBaseUrl('/code/proxy/23456/', 23456), '/code/absproxy/23456/');
  assert.equal(proxyBaseUrl('/absproxy/23456/', 23456), '/absproxy/23456/');
  assert.equal(proxyBaseUrl('/', 23456), undefined, 'a tunnel at the root (Codespaces, SSH) needs no base URL');
  assert.equal(proxyBaseUrl('', 23456), undefined);
  // The browser URL: the server's own path (with the proxy prefix) under the external origin.
  assert.equal(
    browserJupyterUrl('http://127.0.0.1:23456/absproxy/23456/lab?token=abc', {
      origin: 'https://cs.example',
      path: '/proxy/23456/',
    }),
    'https://cs.example/absproxy/23456/lab?token=abc',
  );
  assert.equal(
    browserJupyterUrl('http://127.0.0.1:23456/lab?token=abc', { origin: 'https://x-23456.app.github.dev', path: '/' }),
    'https://x-23456.app.github.dev/lab?token=abc',
  );
  assert.equal(
    browserJupyterUrl('http://127.0.0.1:23456/lab?token=abc', { origin: 'http://127.0.0.1:23456', path: '/' }),
    'http://127.0.0.1:23456/lab?token=abc',
  );
  assert.ok(isJupyterCommand(['jupyter', 'lab', '--ip=0.0.0.0']));
  assert.ok(isJupyterCommand(['/usr/local/bin/start-notebook.py']));
  assert.ok(!isJupyterCommand(['python', 'train.py']));
});

test('docker diff: what removal loses is under the working directory, outside mounts, leaves only', () => {
  const changes = changesFromEngine([
    { Path: '/app', Kind: 0 },
    { Path: '/app/a.ipynb', Kind: 1 },
    { Path: '/app/.ipynb_checkpoints', Kind: 1 },
    { Path: '/app/.ipynb_checkpoints/a-checkpoint.ipynb', Kind: 1 },
    { Path: '/app/old.py', Kind: 2 },
    { Path: '/tmp/x', Kind: 1 },
    { Path: '/app/data/big.csv', Kind: 1 },
  ]);
  assert.deepEqual(lostOnRemove(changes, '/app'), [
    '/app/.ipynb_checkpoints/a-checkpoint.ipynb',
    '/app/a.ipynb',
    '/app/data/big.csv',
  ]);
  assert.deepEqual(lostOnRemove(changes, '/app', ['/app/data']), [
    '/app/.ipynb_checkpoints/a-checkpoint.ipynb',
    '/app/a.ipynb',
  ]);
  assert.deepEqual(lostOnRemove(changesFromEngine(null), '/app'), []);
  assert.equal(describeLoss(['/app/a.ipynb'], '/app'), '1 file in /app differs from the image: a.ipynb');
  assert.match(
    describeLoss(['/app/a', '/app/b', '/app/c', '/app/d', '/app/e'], '/app'),
    /5 files in \/app differ from the image: a, b, c, d, and 1 more/,
  );
});

test("running Jupyter servers: the project's first, then ours, then others; a script project's container is none", async () => {
  const { runningJupyters } = await import('../../src/core/docker/jupyter');
  const c = (
    name: string,
    labels: Record<string, string>,
    extra: Partial<import('../../src/core/docker/types').ContainerInfo> = {},
  ) => ({
    id: name,
    name,
    image: 'x',
    imageId: '',
    state: 'running' as const,
    status: 'Up',
    created: 1,
    ports: [],
    labels,
    ...extra,
  });
  const list = [
    c('other-jupyter', {}, { image: 'quay.io/jupyter/scipy-notebook' }),
    c('script', { 'dsContainers.mode': 'script', 'dsContainers.project': '/w/churn-script' }),
    c('ours-elsewhere', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/x' }),
    c('ours-here', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/w/churn-notebook' }),
    c('stopped', { 'dsContainers.mode': 'jupyter' }, { state: 'exited' }),
  ];
  assert.deepEqual(
    runningJupyters(list, ['/w/churn-notebook', '/w/churn-script']).map((x) => x.name),
    ['ours-here', 'ours-elsewhere', 'other-jupyter'],
  );
  // None running for a project here: its stopped Jupyter is what Open Jupyter offers to start (issue 27).
  const { stoppedJupyterProjects } = await import('../../src/core/docker/jupyter');
  const stopped = [
    c('old', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/w/a' }, { state: 'exited', created: 1 }),
    c('new', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/w/b' }, { state: 'exited', created: 5 }),
    c('again', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/w/a' }, { state: 'exited', created: 3 }),
    c('script', { 'dsContainers.mode': 'script', 'dsContainers.project': '/w/c' }, { state: 'exited', created: 9 }),
    c('elsewhere', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/x' }, { state: 'exited', created: 9 }),
    c('running', { 'dsContainers.mode': 'jupyter', 'dsContainers.project': '/w/d' }),
  ];
  assert.deepEqual(stoppedJupyterProjects(stopped, ['/w/a', '/w/b', '/w/c', '/w/d']), ['/w/b', '/w/a']);
});
