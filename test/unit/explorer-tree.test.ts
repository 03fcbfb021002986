// Images and Containers trees built from recorded engine JSON (test/fixtures/engine/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { containerFromEngine, imageFromEngine, eventFromEngine } from '../../src/core/docker/shape';
import { containerTree, imageTree, leaves, DEFAULT_OPTIONS } from '../../src/core/docker/tree';
import { formatAge, formatPorts, formatSize, portUrl, splitTag } from '../../src/core/docker/format';

const FIX = path.resolve(__dirname, '../../../test/fixtures/engine');
const load = (f: string) => JSON.parse(fs.readFileSync(path.join(FIX, f), 'utf8'));
const images = (f: string) => load(f).map(imageFromEngine);
const containers = (f: string) => load(f).map(containerFromEngine);
const NOW = 1795291600;

test('empty engine: empty trees', () => {
  assert.deepEqual(imageTree(images('images-empty.json'), DEFAULT_OPTIONS, NOW), []);
  assert.deepEqual(containerTree(containers('containers-empty.json'), DEFAULT_OPTIONS), []);
});

test('images are grouped by repository, one child per tag, dangling last in their own group', () => {
  const tree = imageTree(images('images-many.json'), DEFAULT_OPTIONS, NOW);
  assert.deepEqual(
    tree.map((n) => n.label),
    [
      'dsc-test-explorer-fx-dangling',
      'dsc-test-explorer-fx/lab',
      'local/jupyter',
      'local/python',
      'localhost:5000/team/dsc-test-explorer-fx',
      'python',
      'Dangling images',
    ],
  );
  const reg = tree.find((n) => n.label === 'localhost:5000/team/dsc-test-explorer-fx')!;
  assert.equal(reg.children![0].label, 'v1.0-rc_1');
  assert.equal(reg.children![0].image!.ref, 'localhost:5000/team/dsc-test-explorer-fx:v1.0-rc_1');
  assert.match(reg.children![0].description!, /^145MB · \d+ minutes? ago$/);
  const dangling = tree.at(-1)!;
  assert.equal(dangling.contextValue, 'imageGroup:dangling');
  assert.equal(dangling.children!.length, 1);
  assert.equal(dangling.children![0].label, '0407e6bcc271');
  assert.equal(dangling.children![0].contextValue, 'image:dangling');
  // one image id with three tags gives three leaves, all pointing at the same id
  const slim = leaves(tree).filter((n) => n.image?.id.startsWith('sha256:9eb145026eef'));
  assert.equal(slim.length, 3);
  assert.equal(new Set(leaves(tree).map((n) => n.id)).size, leaves(tree).length, 'ids are unique');
});

test('images sorted by size, flat', () => {
  const tree = imageTree(
    images('images-many.json'),
    { ...DEFAULT_OPTIONS, imageGroupBy: 'none', imageSortBy: 'size' },
    NOW,
  );
  assert.equal(tree[0].label, 'local/python:3.11-scipy');
  assert.equal(tree[0].kind, 'image');
});

test('images with missing fields: no crash, no tag means dangling, odd references split right', () => {
  const imgs = images('images-missing-fields.json');
  assert.deepEqual(imgs[0].tags, []);
  assert.equal(imgs[1].size, 0);
  const tree = imageTree(imgs, DEFAULT_OPTIONS, NOW);
  assert.deepEqual(
    tree.map((n) => n.label),
    ['no-tag-at-all', 'registry.example.com:5000/a/b/c', 'UPPER/Case', 'Dangling images'],
  );
  assert.equal(tree[0].children![0].label, 'latest');
  assert.equal(tree.at(-1)!.children!.length, 2);
  assert.match(tree.at(-1)!.children!.find((n) => n.label === '222222222222')!.description!, /^0B · unknown age$/);
});

test('containers: compose project groups, running first, status and published ports in the description', () => {
  const tree = containerTree(containers('containers-many.json'), DEFAULT_OPTIONS);
  assert.deepEqual(
    tree.map((n) => n.label),
    ['analysis', 'dsc-test-explorer-fx.odd-name_1', 'dsc-test-explorer-fx_exited'],
  );
  const analysis = tree[0];
  assert.equal(analysis.description, '1/2 running');
  assert.deepEqual(
    analysis.children!.map((n) => n.label),
    ['dsc-test-explorer-fx-web', 'dsc-test-explorer-fx-db'],
  );
  const web = analysis.children![0];
  assert.equal(web.contextValue, 'container:running:ports');
  assert.equal(web.icon, 'debug-start');
  assert.match(web.description!, /^Up \d+ seconds · 127\.0\.0\.1:\d+→5000, 127\.0\.0\.1:\d+→8888$/);
  assert.equal(analysis.children![1].contextValue, 'container:created');
  assert.equal(tree[2].contextValue, 'container:exited');
  assert.match(tree[2].description!, /^Exited \(3\)/);
});

test('containers grouped by nothing, sorted by name', () => {
  const tree = containerTree(containers('containers-many.json'), {
    ...DEFAULT_OPTIONS,
    containerGroupBy: 'none',
    containerSortBy: 'name',
  });
  assert.deepEqual(
    tree.map((n) => n.label),
    [
      'dsc-test-explorer-fx_exited',
      'dsc-test-explorer-fx-db',
      'dsc-test-explorer-fx-web',
      'dsc-test-explorer-fx.odd-name_1',
    ].sort((a, b) => a.localeCompare(b)),
  );
});

test('containers with missing fields: names from ids, unknown states shown as dead, ports deduplicated', () => {
  const cs = containers('containers-missing-fields.json');
  assert.equal(cs[0].name, 'aaaaaaaaaaaa');
  assert.equal(cs[0].status, 'running');
  assert.equal(cs[1].state, 'dead');
  assert.equal(cs[2].name, 'with/slashes');
  assert.equal(cs[2].created, 0);
  assert.equal(cs[2].composeProject, undefined);
  assert.equal(cs[2].ports.length, 2);
  assert.equal(formatPorts(cs[2].ports), '49153→8888');
  const tree = containerTree(cs, DEFAULT_OPTIONS);
  assert.deepEqual(
    tree.map((n) => n.label),
    ['aaaaaaaaaaaa', 'with/slashes', 'bbbbbbbbbbbb'],
  );
  assert.equal(tree[0].contextValue, 'container:running');
});

test('many containers: 500 shaped and grouped', () => {
  const base = load('containers-many.json')[3];
  const raw = Array.from({ length: 500 }, (_, i) => ({
    ...base,
    Id: `id${i}`,
    Names: [`/c${i}`],
    Labels: { 'com.docker.compose.project': `p${i % 7}` },
    State: i % 3 ? 'exited' : 'running',
  }));
  const tree = containerTree(raw.map(containerFromEngine), DEFAULT_OPTIONS);
  assert.equal(tree.length, 7);
  assert.equal(leaves(tree).length, 500);
  for (const g of tree) assert.equal(g.children![0].container!.state, 'running');
});

test('formatting: sizes, ages, urls, references, events', () => {
  assert.equal(formatSize(145_000_000), '145MB');
  assert.equal(formatSize(1_070_000_000), '1.07GB');
  assert.equal(formatSize(999), '999B');
  assert.equal(formatAge(NOW - 30, NOW), 'just now');
  assert.equal(formatAge(NOW - 3600 * 5, NOW), '5 hours ago');
  assert.equal(formatAge(NOW - 86400, NOW), '1 day ago');
  assert.equal(portUrl({ containerPort: 8888, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 5 }), 'http://127.0.0.1:5');
  assert.equal(portUrl({ containerPort: 8888, protocol: 'tcp' }), undefined);
  assert.deepEqual(splitTag('localhost:5000/x'), { repository: 'localhost:5000/x', tag: 'latest' });
  assert.deepEqual(eventFromEngine({ Type: 'container', Action: 'start', Actor: { ID: 'abc' }, time: 5 }), {
    type: 'container',
    action: 'start',
    id: 'abc',
    time: 5,
  });
  assert.equal(eventFromEngine({}), undefined);
});
