// The size advisor's judgement on given measurements: each saving it knows, with its estimate computed from the
// measured bytes (the Docker tier checks the same estimates against rebuilt images).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adviseSize, ProjectFacts, Saving, shortCreatedBy, sizeReportLines } from '../../src/core/size/advice';
import type { MeasuredDist, SizeProbe } from '../../src/core/size/probe';
import { MB } from '../../src/core/generate/data';

const SITE = '/usr/local/lib/python3.11/site-packages';

function dist(name: string, bytes: number, over: Partial<MeasuredDist> = {}): MeasuredDist {
  return { name, version: '1.0', bytes, gui: 0, location: SITE, ...over };
}

function probe(over: Partial<SizeProbe> = {}): SizeProbe {
  return { dists: [], paths: { pipCache: 0, aptLists: 0, compilers: 0, cudaDevel: 0 }, data: [], ...over };
}

const cpuProject: ProjectFacts = { gpu: false, guiCalls: false, contextLarge: [] };
const kinds = (s: Saving[]) => s.map((x) => `${x.kind} ${x.bytes}`);

test('CUDA torch in a CPU project: the nvidia-* and triton wheels, summed', () => {
  const p = probe({
    dists: [
      dist('torch', 700 * MB),
      dist('nvidia-cublas-cu12', 400 * MB),
      dist('nvidia_cudnn_cu12', 600 * MB),
      dist('triton', 200 * MB),
      dist('numpy', 40 * MB),
    ],
  });
  const [s, ...rest] = adviseSize(p, cpuProject);
  assert.deepEqual(rest, []);
  assert.equal(s.kind, 'cuda-torch');
  assert.equal(s.bytes, 1200 * MB);
  assert.match(s.advice, /^nvidia-cublas-cu12, nvidia_cudnn_cu12, triton \(1\.2 GB\): .*shows no GPU use/);
  assert.match(s.advice, /download\.pytorch\.org\/whl\/cpu/);
  // A GPU project needs them; a bare image gets the advice with a condition.
  assert.deepEqual(adviseSize(p, { ...cpuProject, gpu: true }), []);
  assert.match(adviseSize(p)[0].advice, /if the code uses no GPU/);
  // More than three are counted, not listed.
  const many = probe({ dists: ['a', 'b', 'c', 'd'].map((x) => dist(`nvidia-${x}`, MB)) });
  assert.match(adviseSize(many, cpuProject)[0].advice, /^4 nvidia-\*\/triton distributions \(4 MB\)/);
});

test('CUDA torch: torch’s own CUDA libraries (libtorch_cuda…) count too, the CPU build has none of them', () => {
  const p = probe({
    dists: [
      dist('torch', 1500 * MB, { cuda: 900 * MB }),
      dist('torchvision', 20 * MB, { cuda: 0 }),
      dist('nvidia-cublas-cu12', 400 * MB),
    ],
  });
  const [s] = adviseSize(p, cpuProject);
  assert.equal(s.kind, 'cuda-torch');
  assert.equal(s.bytes, 1300 * MB);
  assert.match(s.advice, /^nvidia-cublas-cu12 and torch's own CUDA libraries \(1\.3 GB\)/);
  // An older torch that bundles its CUDA libraries, with no nvidia-* wheels beside it.
  const bundled = adviseSize(probe({ dists: [dist('torch', 1800 * MB, { cuda: 1200 * MB })] }), cpuProject);
  assert.deepEqual(kinds(bundled), [`cuda-torch ${1200 * MB}`]);
  assert.match(bundled[0].advice, /^torch's own CUDA libraries \(1\.2 GB\)/);
  assert.deepEqual(
    adviseSize(probe({ dists: [dist('torch', 1800 * MB, { cuda: 1200 * MB })] }), {
      ...cpuProject,
      gpu: true,
    }),
    [],
  );
});

test('GUI OpenCV without a GUI call: its GUI libraries, from the measured gui bytes', () => {
  const p = probe({ dists: [dist('opencv-python', 90 * MB, { gui: 30 * MB }), dist('opencv-python-headless', MB)] });
  assert.deepEqual(kinds(adviseSize(p, cpuProject)), [`gui-opencv ${30 * MB}`]);
  assert.match(adviseSize(p, cpuProject)[0].advice, /Qt, X11: 30 MB\) and no code opens a window: .*headless/);
  assert.deepEqual(adviseSize(p, { ...cpuProject, guiCalls: true }), [], 'imshow needs the GUI build');
  // The headless build has no GUI bytes to save; nor does a GUI build that measured none.
  assert.deepEqual(adviseSize(probe({ dists: [dist('opencv-python', 90 * MB)] }), cpuProject), []);
});

test('measured paths: devel toolkit, pip cache, apt lists, compilers, each with its bytes', () => {
  const p = probe({ paths: { cudaDevel: 3000 * MB, pipCache: 250 * MB, aptLists: 20 * MB, compilers: 180 * MB } });
  const s = adviseSize(p, cpuProject);
  assert.deepEqual(kinds(s), [
    `devel-base ${3000 * MB}`,
    `pip-cache ${250 * MB}`,
    `compilers ${180 * MB}`,
    `apt-lists ${20 * MB}`,
  ]);
  assert.match(s[0].advice, /^2\.9 GB of CUDA compilers .*-runtime- tag/);
  assert.match(s[1].advice, /^250 MB in pip's cache: pip install --no-cache-dir/);
  assert.match(s[2].advice, /^180 MB of compilers and headers: build in a build stage/);
  assert.match(s[3].advice, /^20 MB of apt lists.*rm -rf \/var\/lib\/apt\/lists/);
  assert.deepEqual(adviseSize(probe(), cpuProject), [], 'nothing measured, nothing said');
});

test('data in the image, plus what the context would still send, each file once', () => {
  const p = probe({
    data: [
      { path: '/app/data/train.csv', bytes: 300 * MB },
      { path: '/app/models/w.pt', bytes: 60 * MB },
    ],
  });
  const project = {
    ...cpuProject,
    contextLarge: [
      { path: 'models/w.pt', bytes: 60 * MB }, // already in the image: not counted twice
      { path: 'raw.parquet', bytes: 100 * MB },
    ],
  };
  const [s] = adviseSize(p, project);
  assert.equal(s.kind, 'data');
  assert.equal(s.bytes, 460 * MB);
  assert.match(s.advice, /^data in the image \(460 MB: \/app\/data\/train\.csv, \/app\/models\/w\.pt, raw\.parquet\)/);
  const five = probe({ data: [1, 2, 3, 4, 5].map((i) => ({ path: `/app/d${i}`, bytes: 60 * MB })) });
  assert.match(adviseSize(five)[0].advice, /\/app\/d4 and 1 more\)/);
});

test('a distribution installed twice: the extra copies, the largest one kept', () => {
  const p = probe({
    dists: [
      dist('pandas', 60 * MB),
      dist('Pandas', 55 * MB, { location: '/usr/lib/python3/dist-packages' }),
      dist('numpy', 40 * MB),
    ],
  });
  const [s, ...rest] = adviseSize(p, cpuProject);
  assert.deepEqual(rest, []);
  assert.equal(s.kind, 'duplicate');
  assert.equal(s.bytes, 55 * MB);
  assert.match(s.advice, /^pandas is installed 2 times \(.*site-packages, \/usr\/lib\/python3\/dist-packages\): 55 MB/);
});

test('a CUDA wheel installed twice is one saving (dropping the CUDA build drops both copies), not two', () => {
  const p = probe({
    dists: [dist('nvidia-cublas-cu12', 400 * MB), dist('nvidia-cublas-cu12', 400 * MB, { location: '/opt/venv' })],
  });
  const s = adviseSize(p, cpuProject);
  assert.deepEqual(kinds(s), [`cuda-torch ${800 * MB}`]);
  // In a GPU project the wheels stay, so the extra copy is the saving.
  assert.deepEqual(kinds(adviseSize(p, { ...cpuProject, gpu: true })), [`duplicate ${400 * MB}`]);
});

test('the report: total, largest layers and distributions, savings largest first', () => {
  const p = probe({
    dists: [dist('nvidia-cudnn-cu12', 600 * MB), dist('numpy', 40 * MB)],
    paths: { pipCache: 100 * MB, aptLists: 0, compilers: 0, cudaDevel: 0 },
  });
  const savings = adviseSize(p, cpuProject);
  const lines = sizeReportLines({
    image: 'my-project:latest',
    totalBytes: 900 * MB,
    layers: [{ createdBy: '/bin/sh -c pip install -r requirements.txt # buildkit', size: 700 * MB, created: 0 }],
    dists: p.dists,
    savings,
  });
  assert.deepEqual(lines.slice(0, 6), [
    'my-project:latest: 900 MB',
    'Largest layers:',
    '    700 MB  RUN pip install -r requirements.txt',
    'Largest installed distributions:',
    '    600 MB  nvidia-cudnn-cu12 1.0',
    '     40 MB  numpy 1.0',
  ]);
  assert.equal(lines[6], 'Savings (about 700 MB):');
  assert.match(lines[7], /^ {2}- nvidia-cudnn-cu12 \(600 MB\)/);
  assert.match(lines[8], /^ {2}- 100 MB in pip's cache/);
  assert.match(
    sizeReportLines({ image: 'x', totalBytes: MB, layers: [], dists: [], savings: [] }).join('\n'),
    /No saving found/,
  );
  assert.equal(shortCreatedBy('/bin/sh -c #(nop)  CMD ["python"]'), 'CMD ["python"]');
  assert.equal(shortCreatedBy(''), '(a base image layer)');
  assert.equal(shortCreatedBy(`RUN ${'x'.repeat(200)}`, 20).length, 20);
});
