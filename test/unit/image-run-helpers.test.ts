import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findJupyterUrl } from '../../src/core/docker/jupyter';
import { composeDownArgv, composeLogsArgv, composeUpArgv } from '../../src/core/docker/compose';
import { defaultTag, isValidTag } from '../../src/core/docker/tag';
import { Demuxer } from '../../src/core/docker/demux';
import { historyKeyword, layerHintLabel, mapLayers } from '../../src/core/docker/layers';
import { formatSize } from '../../src/core/docker/format';
import { importFailures, modulesToCheck, parseImportResults } from '../../src/core/docker/importCheck';
import { ImportSite } from '../../src/core/project';
import { runModeOf } from '../../src/node/docker/run';

test('Jupyter: the URL with its token is found and pointed at the published host port', () => {
  const log =
    '[I 10:00 NotebookApp] Serving notebooks\n    Or copy and paste one of these URLs:\n        http://3f2a9c1b:8888/?token=abc123def\n     or http://127.0.0.1:8888/?token=abc123def\n';
  const u = findJupyterUrl(log, (p) => (p === 8888 ? 49153 : undefined));
  assert.equal(u?.hostUrl, 'http://127.0.0.1:49153/?token=abc123def');
  assert.equal(u?.token, 'abc123def');
  assert.equal(
    findJupyterUrl('http://localhost:8888/lab?token=t0k', () => undefined)?.hostUrl,
    'http://127.0.0.1:8888/lab?token=t0k',
  );
  assert.equal(
    findJupyterUrl('Jupyter Server is running at http://x:8888/lab', () => 1),
    undefined,
  );
});

test('compose argv: v2 is `docker compose`, v1 is `docker-compose`; arrays, never a shell string', () => {
  const v2 = { kind: 'v2', docker: 'docker' } as const;
  const v1 = { kind: 'v1', binary: 'docker-compose' } as const;
  const t = { file: '/p/my proj/compose.yaml', project: 'myproj' };
  assert.deepEqual(composeUpArgv(v2, t), [
    'docker',
    'compose',
    '-p',
    'myproj',
    '-f',
    '/p/my proj/compose.yaml',
    'up',
    '--build',
    '-d',
  ]);
  assert.deepEqual(composeDownArgv(v2, { file: 'compose.yaml' }), ['docker', 'compose', '-f', 'compose.yaml', 'down']);
  assert.deepEqual(composeLogsArgv(v2, { file: 'compose.yaml' }), [
    'docker',
    'compose',
    '-f',
    'compose.yaml',
    'logs',
    '-f',
  ]);
  assert.deepEqual(composeUpArgv(v1, t), [
    'docker-compose',
    '-p',
    'myproj',
    '-f',
    '/p/my proj/compose.yaml',
    'up',
    '--build',
    '-d',
  ]);
});

test('default tag: a valid reference from any folder name', () => {
  assert.equal(defaultTag('My Project (v2)'), 'my-project-v2:latest');
  assert.equal(defaultTag('linear-classifier-script'), 'linear-classifier-script:latest');
  assert.equal(defaultTag('__données__'), 'donne-es:latest');
  assert.equal(defaultTag('!!!'), 'ds-project:latest');
  for (const n of ['My Project (v2)', '__x__', 'a..b', 'UPPER', 'x'.repeat(300), '.hidden'])
    assert.ok(isValidTag(defaultTag(n)), defaultTag(n));
  assert.equal(isValidTag('Bad Tag'), false);
  assert.equal(isValidTag('localhost:5000/team/proj:1.0'), true);
});

test('demuxer splits stdout and stderr frames across chunk boundaries', () => {
  const frame = (t: number, s: string) => {
    const b = Buffer.from(s);
    const h = Buffer.alloc(8);
    h[0] = t;
    h.writeUInt32BE(b.length, 4);
    return Buffer.concat([h, b]);
  };
  const all = Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, 'bye\n')]);
  const got: string[] = [];
  const d = new Demuxer((s, data) => got.push(`${s}:${Buffer.from(data).toString()}`));
  for (let i = 0; i < all.length; i += 5) d.push(all.subarray(i, i + 5));
  assert.deepEqual(got, ['stdout:hello\n', 'stderr:oops\n', 'stdout:bye\n']);
});

test('image history maps onto the final stage instructions (BuildKit and classic)', () => {
  assert.equal(historyKeyword('RUN /bin/sh -c pip install -r requirements.txt # buildkit'), 'RUN');
  assert.equal(historyKeyword('/bin/sh -c #(nop) COPY file:abc in /app '), 'COPY');
  assert.equal(historyKeyword('|1 X=1 /bin/sh -c make'), 'RUN');
  assert.equal(historyKeyword('WORKDIR /app'), 'WORKDIR');
  const df =
    'FROM base AS b\nRUN x\nFROM python:3.11-slim\nARG V=1\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "main.py"]\n';
  const base = [
    { createdBy: '/bin/sh -c #(nop) ADD file:x in /', size: 80e6, created: 1 },
    { createdBy: '/bin/sh -c #(nop) CMD ["python3"]', size: 0, created: 1 },
  ];
  const mine = [
    { createdBy: 'WORKDIR /app', size: 0, created: 2 },
    { createdBy: 'COPY requirements.txt . # buildkit', size: 120, created: 2 },
    { createdBy: 'RUN /bin/sh -c pip install -r requirements.txt # buildkit', size: 2e9, created: 2 },
    { createdBy: 'COPY . . # buildkit', size: 5000, created: 2 },
    { createdBy: 'CMD ["python" "main.py"]', size: 0, created: 2 },
  ];
  assert.deepEqual(
    mapLayers(df, [...base, ...mine], base.length).map((l) => [l.line, l.keyword, l.size]),
    [
      [4, 'WORKDIR', 0],
      [5, 'COPY', 120],
      [6, 'RUN', 2e9],
      [7, 'COPY', 5000],
      [8, 'CMD', 0],
    ],
  );
  // One size format everywhere: the tree's and the hint's (issue 12: the tree said 1.07GB, the hint 1.1 GB).
  assert.equal(formatSize(1_070_000_000), '1.07GB');
  assert.equal(formatSize(145_000_000), '145MB');
  // No "+0B" after metadata-only instructions; a RUN that wrote nothing still says so.
  assert.equal(layerHintLabel({ line: 3, keyword: 'USER', size: 0 }, false), undefined);
  assert.equal(layerHintLabel({ line: 3, keyword: 'ENV', size: 0 }, true), undefined);
  assert.equal(layerHintLabel({ line: 3, keyword: 'ARG', size: 0 }, false), undefined);
  assert.equal(layerHintLabel({ line: 4, keyword: 'RUN', size: 0 }, true), '+0B · cached');
  assert.equal(layerHintLabel({ line: 5, keyword: 'COPY', size: 45_200_000 }, false), '+45.2MB');
});

test('import check: modules once, results parsed, each failure at its file and line', () => {
  const sites: ImportSite[] = [
    { module: 'numpy', file: 'train.py', line: 1, class: 'runtime' },
    { module: 'torch', file: 'train.py', line: 3, class: 'runtime' },
    { module: 'torch', file: 'nb.ipynb', line: 2, cell: 1, class: 'runtime' },
    { module: 'pytest', file: 'test_x.py', line: 1, class: 'dev' },
  ];
  assert.deepEqual(modulesToCheck(sites), ['numpy', 'torch']);
  const res = parseImportResults(
    'noise\nDSC-IMPORTS {"numpy": null, "torch": "ModuleNotFoundError: No module named \'torch\'"}\n',
  )!;
  const f = importFailures(sites, res);
  assert.deepEqual(
    f.map((x) => `${x.site.file}:${x.site.line}`),
    ['train.py:3', 'nb.ipynb:2'],
  );
  assert.equal(f[0].finding.line, 2);
  assert.equal(parseImportResults('Traceback…'), undefined);
});

test('run mode from the image: our label first, then a Jupyter command or port, then exposed ports', () => {
  const cfg = (o: Partial<Parameters<typeof runModeOf>[0]>) => ({
    cmd: [],
    entrypoint: [],
    exposed: [],
    labels: {},
    ...o,
  });
  assert.equal(runModeOf(cfg({ cmd: ['python', 'train.py'] })), 'script');
  assert.equal(runModeOf(cfg({ cmd: ['jupyter', 'lab', '--ip=0.0.0.0'], exposed: [8888] })), 'jupyter');
  assert.equal(runModeOf(cfg({ cmd: ['python'], exposed: [8888] })), 'jupyter');
  assert.equal(runModeOf(cfg({ cmd: ['streamlit', 'run', 'app.py'], exposed: [8501] })), 'app');
  assert.equal(runModeOf(cfg({ cmd: ['jupyter', 'lab'], labels: { 'dsContainers.mode': 'script' } })), 'script');
});
