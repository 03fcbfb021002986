import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { checkOnIndex, indexUrlFromConfig, pipIndexUrl } from '../../src/node/indexCheck';
import { analyzeProject } from '../../src/node/analyze';
import { specFromAnalysis } from '../../src/core/generate';
import { generateAll } from '../../src/core/generate';

/** A PEP 503 simple index on 127.0.0.1 with one project; answers JSON (PEP 691) when asked for it. */
async function simpleIndex(projects: string[]): Promise<{ url: string; asked: string[]; close(): Promise<void> }> {
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url ?? '');
    const m = /^\/simple\/([^/]+)\/$/.exec(req.url ?? '');
    if (!m || !projects.includes(m[1])) {
      res.writeHead(404);
      res.end('not found');
      return;
    }
    if (/application\/vnd\.pypi\.simple\.v1\+json/.test(req.headers.accept ?? '')) {
      res.writeHead(200, { 'Content-Type': 'application/vnd.pypi.simple.v1+json' });
      res.end(JSON.stringify({ meta: { 'api-version': '1.0' }, name: m[1], files: [] }));
    } else {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body></body></html>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/simple/`, asked, close: () => new Promise((r) => server.close(() => r())) };
}

test('pip configuration: PIP_INDEX_URL wins, else index-url of [global]/[install] in pip.conf', async () => {
  assert.equal(
    indexUrlFromConfig('[global]\nindex-url = https://mirror.example/simple\n'),
    'https://mirror.example/simple',
  );
  assert.equal(indexUrlFromConfig('[freeze]\nindex-url = https://no.example\n'), undefined);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-pipconf-'));
  fs.mkdirSync(path.join(home, '.config/pip'), { recursive: true });
  fs.writeFileSync(path.join(home, '.config/pip/pip.conf'), '[install]\nindex_url = http://127.0.0.1:1/simple/\n');
  assert.equal(await pipIndexUrl({ HOME: home, XDG_CONFIG_DIRS: '/nonexistent' }), 'http://127.0.0.1:1/simple/');
  assert.equal(await pipIndexUrl({ HOME: home, PIP_INDEX_URL: 'http://env/simple/' }), 'http://env/simple/');
});

test('the index decides: found, missing (404), cached; an unreachable index and --offline confirm nothing', async () => {
  const idx = await simpleIndex(['dsc-tiny-pkg']);
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-idxcache-'));
  try {
    const r = await checkOnIndex(['dsc_tiny_pkg', 'detectron2'], { indexUrl: idx.url, cacheDir });
    assert.deepEqual(
      [...r.verdicts],
      [
        ['dsc_tiny_pkg', 'found'],
        ['detectron2', 'missing'],
      ],
    );
    assert.deepEqual(idx.asked.sort(), ['/simple/detectron2/', '/simple/dsc-tiny-pkg/']);
    const again = await checkOnIndex(['dsc_tiny_pkg', 'detectron2'], { indexUrl: idx.url, cacheDir });
    assert.equal(idx.asked.length, 2, 'answers come from the on-disk cache');
    assert.deepEqual([...again.verdicts.values()], ['found', 'missing']);
  } finally {
    await idx.close();
  }
  const down = await checkOnIndex(['nothing-here'], {
    indexUrl: 'http://127.0.0.1:9/simple/',
    cacheDir,
    timeoutMs: 500,
  });
  assert.equal(down.verdicts.get('nothing-here'), 'unreachable');
  const off = await checkOnIndex(['numpy', 'nothing-here'], { offline: true, cacheDir });
  assert.deepEqual(
    [...off.verdicts],
    [
      ['numpy', 'found'],
      ['nothing-here', 'offline'],
    ],
    'the bundled list answers offline',
  );
});

test('an import no index has is a comment line in requirements.txt and one warning, never an install line', async () => {
  const idx = await simpleIndex(['dsc-tiny-pkg']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-avail-'));
  fs.mkdirSync(path.join(dir, 'models'));
  fs.writeFileSync(path.join(dir, 'models/x.py'), 'import numpy\nimport dsc_tiny_pkg\nimport detectron2\n');
  process.env.XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-xdg-'));
  try {
    const a = await analyzeProject(dir, { python: false, noPin: true, indexUrl: idx.url });
    const spec = specFromAnalysis(a, { mode: 'script', entry: 'models/x.py' });
    assert.deepEqual(
      spec.requirements.map((r) => r.name),
      ['dsc_tiny_pkg', 'numpy'],
    );
    const txt = generateAll(spec)['requirements.txt'];
    assert.match(txt, /^# detectron2: imported at models\/x\.py:3, no distribution found; install it yourself$/m);
    assert.doesNotMatch(txt, /^detectron2$/m);
    assert.equal(a.warnings.filter((w) => /detectron2/.test(w.message)).length, 1);
  } finally {
    await idx.close();
  }
});

test('a conda-only package in environment.yml: a clear message and a comment line, the others install', async () => {
  const idx = await simpleIndex(['numpy', 'torch', 'pandas']);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-conda-only-'));
  fs.writeFileSync(
    path.join(dir, 'environment.yml'),
    'name: cad\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - numpy\n  - pytorch\n' +
      '  - pythonocc-core=7.7\n  - pip\n  - pip:\n    - pandas\n',
  );
  fs.writeFileSync(path.join(dir, 'main.py'), 'import numpy\nimport torch\nimport pandas\n');
  process.env.XDG_CACHE_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-xdg-'));
  try {
    const a = await analyzeProject(dir, { python: false, noPin: true, indexUrl: idx.url });
    assert.equal(
      a.requirements.find((r) => r.name === 'pythonocc-core')?.unavailable,
      'a conda package with no distribution on the index',
    );
    const spec = specFromAnalysis(a, { mode: 'script', entry: 'main.py' });
    assert.deepEqual(spec.requirements.map((r) => r.name).sort(), ['numpy', 'pandas', 'torch']);
    const txt = generateAll(spec)['requirements.txt'];
    assert.match(txt, /^# pythonocc-core: .*environment\.yml.*install it yourself$/m);
    assert.doesNotMatch(txt, /^pythonocc-core/m);
    const [w] = a.warnings.filter((x) => /pythonocc-core/.test(x.message));
    assert.equal(w.file, 'environment.yml');
    assert.match(
      w.message,
      /is a conda package \(environment\.yml\) and .* has no distribution of that name: pip cannot install it/,
    );
    assert.match(w.message, /Install it with conda in a conda-based image, or add a pip equivalent/);
  } finally {
    await idx.close();
  }
});
