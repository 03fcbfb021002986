// Lean images: the CPU/GPU torch choice, headless OpenCV, runtime vs devel CUDA bases, the data threshold
// rules, and the `!` override (in the generated .dockerignore and in the build context).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  cudaFlavor,
  defaultCudaImage,
  generateAll,
  generateDockerignore,
  runtimeCudaImage,
  specFromAnalysis,
} from '../../src/core/generate';
import { dataOutOf, dataOutReport, largeContextLines, MB } from '../../src/core/generate/data';
import { hasGuiCall } from '../../src/core/generate/lean';
import { buildSplit } from '../../src/core/generate/buildStage';
import { contextFiles } from '../../src/node/docker/context';
import { dataMountPaths, negatedPaths, projectDataOut } from '../../src/node/dataFiles';
import { analysis, req } from './analysis-samples';

test('no GPU sign: torch, torchvision, torchaudio from the CPU index, a +cuXXX label dropped', () => {
  const spec = specFromAnalysis(
    analysis({ requirements: [req('torch', '2.3.1+cu121'), req('torchvision', '0.18.1')] }),
  );
  assert.equal(spec.torchIndex, 'cpu');
  assert.deepEqual(spec.requirements, [
    { name: 'torch', version: '2.3.1' },
    { name: 'torchvision', version: '0.18.1' },
  ]);
  const text = generateAll(spec)['requirements.txt'];
  assert.match(text, /^# No GPU use found: PyTorch from its CPU wheel index/m);
  assert.match(text, /^--extra-index-url https:\/\/download\.pytorch\.org\/whl\/cpu\ntorch==2\.3\.1$/m);
});

test('--gpu (or a GPU sign) keeps the CUDA build of torch: no CPU index', () => {
  for (const spec of [
    specFromAnalysis(analysis({ requirements: [req('torch', '2.3.1+cu121')] }), { gpu: true }),
    specFromAnalysis(analysis({ gpu: true, requirements: [req('torch', '2.3.1+cu121')] })),
  ]) {
    assert.equal(spec.torchIndex, undefined);
    assert.deepEqual(spec.requirements, [{ name: 'torch', version: '2.3.1+cu121' }]);
    assert.doesNotMatch(generateAll(spec)['requirements.txt'], /extra-index-url/);
  }
  // Without torch, no index line at all.
  assert.equal(specFromAnalysis(analysis({ requirements: [req('numpy', '1.26.4')] })).torchIndex, undefined);
});

test('OpenCV: headless without a GUI call, the GUI build (and libGL) with one, the user’s declared build kept', () => {
  const headless = specFromAnalysis(analysis({ requirements: [req('opencv-python', '4.10.0.84')] }));
  assert.deepEqual(headless.requirements, [{ name: 'opencv-python-headless', version: '4.10.0.84' }]);
  assert.equal(headless.systemPackages, undefined, 'no libgl1 for the headless build');
  const gui = specFromAnalysis(analysis({ guiCalls: true, requirements: [req('opencv-python', '4.10.0.84')] }));
  assert.deepEqual(gui.requirements, [{ name: 'opencv-python', version: '4.10.0.84' }]);
  assert.deepEqual(gui.systemPackages, ['libgl1', 'libglib2.0-0']);
  const declared = { ...req('opencv-contrib-python'), declaredIn: ['requirements.txt'] };
  assert.deepEqual(specFromAnalysis(analysis({ requirements: [declared] })).requirements, [
    { name: 'opencv-contrib-python' },
  ]);
  assert.ok(hasGuiCall('import cv2\ncv2.imshow("x", img)\ncv2.waitKey(0)\n'));
  assert.ok(hasGuiCall('cv2 . namedWindow ("w")'));
  assert.ok(
    !hasGuiCall('import cv2\nimg = cv2.imread("a.png")\n# cv2.imwrite, not imshow\ncv2.imwrite("b.png", img)\n'),
  );
});

test('CUDA bases: the default is a runtime image; a devel one is named with its runtime twin', () => {
  assert.equal(cudaFlavor(defaultCudaImage), 'runtime');
  assert.equal(cudaFlavor('nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04'), 'devel');
  assert.equal(cudaFlavor('nvidia/cuda:12.4.1-base-ubuntu22.04'), 'base');
  assert.equal(cudaFlavor('python:3.11-slim'), undefined);
  assert.equal(
    runtimeCudaImage('nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04'),
    'nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04',
  );
  assert.equal(runtimeCudaImage(defaultCudaImage), undefined);
});

test('--gpu on a CUDA devel base: the devel image only builds, the image runs FROM its runtime twin', () => {
  const devel = 'nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04';
  const gpu = (names: string[], systemPackages?: string[]) => {
    const spec = specFromAnalysis(analysis({ requirements: names.map((n) => req(n, '1.0')) }), {
      gpu: true,
      baseImage: devel,
    });
    if (systemPackages) spec.systemPackages = systemPackages;
    return generateAll(spec);
  };
  const files = gpu(['torch']);
  assert.doesNotMatch(files['requirements.txt'], /extra-index-url/, 'the CUDA build of torch');
  const froms = files.Dockerfile.split('\n').filter((l) => l.startsWith('FROM '));
  assert.deepEqual(froms, [`FROM ${devel} AS build`, 'FROM nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04']);
  const [build, image] = files.Dockerfile.split(/^FROM nvidia\/cuda:12\.4\.1-cudnn-runtime-ubuntu22\.04$/m);
  assert.match(build, /python3 -m venv \/opt\/venv\nENV PATH=\/opt\/venv\/bin:\$PATH\nWORKDIR \/build\n/);
  assert.match(build, /pip install --no-cache-dir -r requirements\.txt/);
  assert.match(image, /^COPY --from=build \/opt\/venv \/opt\/venv$/m);
  assert.doesNotMatch(image, /^RUN .*pip install/m);
  // Build tools the user chose go to the build stage only; the rest reach the image too.
  const tools = gpu(['torch'], ['build-essential', 'ffmpeg']).Dockerfile.split(/^FROM nvidia.*runtime.*$/m);
  assert.match(tools[0], /install -y --no-install-recommends build-essential ffmpeg python3 python3-venv/);
  assert.match(tools[1], /install -y --no-install-recommends ffmpeg python3 python3-venv/);
  // pycuda compiles kernels with nvcc when it runs: the devel image stays, and says why.
  const pycuda = gpu(['pycuda']).Dockerfile;
  assert.deepEqual(
    pycuda.split('\n').filter((l) => l.startsWith('FROM ')),
    [`FROM ${devel}`],
  );
  assert.match(pycuda, /^# nvidia\/cuda:12\.4\.1-cudnn-devel-ubuntu22\.04 stays the image: pycuda compiles CUDA code/m);
});

test('build tools only in a build stage, and only when a requirement compiles', () => {
  assert.deepEqual(buildSplit([{ name: 'psycopg2' }], ['gcc', 'libpq-dev']), {
    build: ['gcc', 'libpq-dev'],
    runtime: ['libpq5'],
  });
  assert.equal(buildSplit([{ name: 'lightgbm' }], ['libgomp1']), undefined);
  const df = generateAll(specFromAnalysis(analysis({ requirements: [req('psycopg2', '2.9.9')] }))).Dockerfile;
  const [build, image] = df.split(/^FROM python:3\.11-slim$/m);
  assert.match(build, /FROM python:3\.11-slim AS build[\s\S]*install -y --no-install-recommends gcc libpq-dev/);
  assert.match(build, /pip install --no-cache-dir --prefix=\/install -r requirements\.txt/);
  assert.doesNotMatch(image, /gcc|-dev\b/);
  assert.match(image, /install -y --no-install-recommends libpq5[\s\S]*COPY --from=build \/install \/usr\/local/);
});

test('threshold rules: data folders whatever their size, other files only above the threshold, kept ones not', () => {
  const measured = [
    { path: 'data/a.csv', bytes: 10 },
    { path: 'data/sub/b.csv', bytes: 20 },
    { path: 'datasets/x.parquet', bytes: 5 },
    { path: 'models/w.pt', bytes: 51 * MB },
    { path: 'models/small.pt', bytes: 49 * MB },
    { path: 'big.csv', bytes: 200 * MB },
    { path: 'notes/data/c.csv', bytes: 1 }, // only a top-level data/ is the data folder
  ];
  const out = dataOutOf(measured, 50, ['big.csv']);
  assert.deepEqual(out.folders, [
    { path: 'data', bytes: 30 },
    { path: 'datasets', bytes: 5 },
  ]);
  assert.deepEqual(out.files, [{ path: 'models/w.pt', bytes: 51 * MB }]);
  assert.deepEqual(out.keep, ['big.csv']);
  assert.deepEqual(dataOutOf(measured, 0).files, [], '0: no size limit');
  assert.deepEqual(dataOutOf(measured, 50, ['data']).folders, [{ path: 'datasets', bytes: 5 }]);
  const report = dataOutReport(out);
  assert.match(
    report[0],
    /^\.dockerignore: left out of the image \(51 MB\): data\/ \(1 kB\), datasets\/ .*models\/w\.pt \(51 MB, checkpoint\)$/,
  );
  assert.match(report.join('\n'), /!PATH.*--keep-data PATH/);
  assert.deepEqual(dataOutReport(dataOutOf([], 50)), []);
  assert.match(largeContextLines([], [{ path: 'a.bin', bytes: 60 * MB }], 50)[0], /^warning: .*a\.bin \(60 MB\)/);
});

test('the generated .dockerignore lists the data, escapes glob characters and writes the kept ones with !', () => {
  const spec = specFromAnalysis(analysis({ requirements: [] }));
  spec.dataOut = {
    thresholdMB: 50,
    folders: [{ path: 'data', bytes: 1 }],
    files: [{ path: 'raw [1]*.csv', bytes: 60 * MB }],
    keep: ['models/keep.pt'],
  };
  const lines = generateDockerignore(spec).split('\n');
  const at = lines.findIndex((l) => l.startsWith('# Data and files above 50 MB'));
  assert.deepEqual(lines.slice(at + 1, at + 4), ['data', 'raw \\[1\\]\\*.csv', '!models/keep.pt']);
  spec.dataOut.files = [{ path: 'x\ny', bytes: 60 * MB }];
  assert.throws(() => generateDockerignore(spec), /data path "x\\ny" must be inside the project/);
});

function tmpProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lean-'));
  const sparse = (rel: string, size: number) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), '');
    fs.truncateSync(path.join(dir, rel), size);
  };
  sparse('models/w.pt', 60 * MB);
  sparse('models/keep.pt', 70 * MB);
  sparse('data/d.csv', 10);
  fs.writeFileSync(path.join(dir, 'main.py'), 'print(1)\n');
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\n');
  return dir;
}

test('the build context: files above the threshold stay out unless a ! line keeps them', async () => {
  const dir = tmpProject();
  try {
    fs.writeFileSync(path.join(dir, '.dockerignore'), 'data\n!models/keep.pt\n');
    const listed = contextFiles(dir);
    assert.deepEqual(listed.files, ['.dockerignore', 'Dockerfile', 'main.py', 'models/keep.pt']);
    assert.deepEqual(listed.large, [{ path: 'models/w.pt', bytes: 60 * MB }]);
    assert.deepEqual(listed.keptLarge, [{ path: 'models/keep.pt', bytes: 70 * MB }]);
    assert.deepEqual(contextFiles(dir, 'Dockerfile', { thresholdMB: 0 }).large, [], '0: no limit');
    assert.ok(contextFiles(dir, 'Dockerfile', { thresholdMB: 0 }).files.includes('models/w.pt'));
    // Scaffold honours the user's ! line and the flag alike; run mounts what the image lacks.
    assert.deepEqual(negatedPaths('a\n!models/keep.pt\n!*.md\n'), ['models/keep.pt']);
    const out = await projectDataOut(dir, { keep: ['data'] });
    assert.deepEqual(out.files, [{ path: 'models/w.pt', bytes: 60 * MB }]);
    assert.deepEqual(out.keep, ['data', 'models/keep.pt']);
    assert.deepEqual(await dataMountPaths(dir), ['data', 'models/w.pt']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a virtual environment committed under any name stays out of the context (trial: iris-streamlit)', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-env-in-project-'));
  try {
    fs.mkdirSync(path.join(root, 'streamlit-env/lib/python3.11/site-packages/streamlit'), { recursive: true });
    fs.writeFileSync(path.join(root, 'streamlit-env/pyvenv.cfg'), 'home = /usr/bin\n');
    fs.writeFileSync(path.join(root, 'streamlit-env/lib/python3.11/site-packages/streamlit/__init__.py'), '');
    fs.mkdirSync(path.join(root, 'tools/conda env/conda-meta'), { recursive: true });
    fs.writeFileSync(path.join(root, 'app.py'), 'import streamlit\n');
    const out = await projectDataOut(root);
    assert.deepEqual(out.environments, ['streamlit-env', 'tools/conda env']);
    const spec = specFromAnalysis(analysis({ entry: 'app.py' }));
    const ignore = generateDockerignore({ ...spec, dataOut: out }).split('\n');
    assert.ok(ignore.includes('streamlit-env'), ignore.join('\n'));
    assert.ok(ignore.includes('tools/conda env'), ignore.join('\n'));
    // The context the build sends leaves them out.
    fs.writeFileSync(path.join(root, '.dockerignore'), ignore.join('\n'));
    fs.writeFileSync(path.join(root, 'Dockerfile'), 'FROM python:3.11-slim\nCOPY . .\n');
    const sent = contextFiles(root).files;
    assert.ok(sent.includes('app.py'), sent.join(', '));
    assert.ok(!sent.some((f) => f.startsWith('streamlit-env/') || f.startsWith('tools/')), sent.join(', '));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
