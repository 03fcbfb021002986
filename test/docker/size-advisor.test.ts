// The size advisor on a stand-in image whose contents have known sizes (fake distributions with dist-info and
// RECORD, a pip cache, apt lists, a compiler, a CUDA toolkit's nvcc, data under WORKDIR, a package installed
// twice): each estimated saving is within 5% of what the image loses when it is rebuilt with that advice applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildProject } from '../../src/node/docker/build';
import { sizeReport } from '../../src/node/size';
import { SavingKind } from '../../src/core/size/advice';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo } from './helpers';

const { engine, track } = buildingEngine(120000);

// Writes what the image holds; argv[1] lists the kinds left out (the advice applied).
const MAKE = String.raw`
import os, site, sys
skip = set(sys.argv[1].split(",")) if len(sys.argv) > 1 else set()
MB = 1024 * 1024
sp = site.getsitepackages()[0]
def blob(p, n):
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        for _ in range(n // MB): f.write(b"\x01" * MB)
        f.write(b"\x01" * (n % MB))
def dist(root, name, version, files):
    info = os.path.join(root, "%s-%s.dist-info" % (name.replace("-", "_"), version))
    os.makedirs(info, exist_ok=True)
    with open(os.path.join(info, "METADATA"), "w") as f: f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version))
    rec = []
    for rel, n in files:
        blob(os.path.join(root, rel), n)
        rec.append("%s,," % rel)
    rec.append("%s/METADATA,," % os.path.basename(info))
    rec.append("%s/RECORD,," % os.path.basename(info))
    with open(os.path.join(info, "RECORD"), "w") as f: f.write("\n".join(rec) + "\n")
cuda_kernels = [] if "cuda-torch" in skip else [("torch/lib/libtorch_cuda.so", 8 * MB)]
dist(sp, "torch", "2.3.1", [("torch/lib/libtorch_cpu.so", 5 * MB)] + cuda_kernels)
if "cuda-torch" not in skip:
    dist(sp, "nvidia-cublas-cu12", "12.1.3.1", [("nvidia/cublas/lib/libcublas.so.12", 20 * MB)])
    dist(sp, "nvidia-cudnn-cu12", "8.9.2.26", [("nvidia/cudnn/lib/libcudnn.so.8", 12 * MB)])
if "gui-opencv" in skip:
    dist(sp, "opencv-python-headless", "4.10.0.84", [("cv2/cv2.abi3.so", 4 * MB)])
else:
    dist(sp, "opencv-python", "4.10.0.84", [("cv2/cv2.abi3.so", 4 * MB), ("opencv_python.libs/libQt5Core-9e162752.so.5", 14 * MB), ("cv2/qt/fonts/DejaVuSans.ttf", 2 * MB)])
if "pip-cache" not in skip: blob("/root/.cache/pip/http-v2/a/b/c/d/e/big", 8 * MB)
if "apt-lists" not in skip: blob("/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages", 9 * MB)
if "compilers" not in skip: blob("/usr/lib/gcc/x86_64-linux-gnu/12/cc1", 15 * MB)
if "devel-base" not in skip: blob("/usr/local/cuda-12.4/bin/nvcc", 10 * MB)
if "data" not in skip: blob("/app/data/train.csv", 70 * MB)
dist(sp, "dupe-pkg", "1.0", [("dupe_pkg/core.so", 6 * MB)])
if "duplicate" not in skip:
    other = "/opt/other/site-packages"
    dist(other, "dupe-pkg", "1.0", [("dupe_pkg/core.so", 6 * MB)])
    with open(os.path.join(sp, "other.pth"), "w") as f: f.write(other + "\n")
`;

const KINDS: SavingKind[] = [
  'cuda-torch',
  'gui-opencv',
  'pip-cache',
  'apt-lists',
  'compilers',
  'devel-base',
  'data',
  'duplicate',
];

async function build(skip: string[]): Promise<{ tag: string; size: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-lean-size-'));
  try {
    fs.writeFileSync(path.join(dir, 'make.py'), MAKE);
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM python:3.11-slim\nWORKDIR /app\nCOPY make.py /tmp/make.py\n' +
        `RUN python /tmp/make.py "${skip.join(',')}" && rm /tmp/make.py\nCMD ["python"]\n`,
    );
    const tag = track(`lean-size-${skip.join('-') || 'all'}:${Math.random().toString(36).slice(2, 7)}`);
    const r = await buildProject(engine, { dir, tag });
    assert.ok(r.ok, r.error);
    return { tag, size: (await engine.imageSummary(tag))!.size };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('each estimated saving is within 5% of what the image rebuilt with that advice applied loses', async () => {
  const fat = await build([]);
  const report = await sizeReport(engine, fat.tag);
  // The distributions as measured: the fake ones to the byte (their files plus their small metadata).
  const cublas = report.dists.find((d) => d.name === 'nvidia-cublas-cu12');
  assert.ok(cublas && Math.abs(cublas.bytes - 20 * 1024 * 1024) < 4096, JSON.stringify(cublas));
  assert.deepEqual(report.savings.map((s) => s.kind).sort(), [...KINDS].sort());
  for (const kind of KINDS) {
    const lean = await build([kind]);
    const actual = fat.size - lean.size;
    const estimate = report.savings.find((s) => s.kind === kind)!.bytes;
    assert.ok(
      Math.abs(estimate - actual) <= 0.05 * actual,
      `${kind}: estimated ${estimate}, the rebuilt image is ${actual} bytes smaller`,
    );
  }
  // The CLI prints the layers, the distributions and each saving with its estimate.
  const io = captureIo();
  assert.equal(await main(['size', fat.tag], io), 0, io.stderr.join('\n'));
  const text = io.stdout.join('\n');
  assert.match(text, /^Largest layers:\n\s+\d+ MB {2}RUN python \/tmp\/make\.py/m);
  assert.match(text, /^\s+20 MB {2}nvidia-cublas-cu12 12\.1\.3\.1$/m);
  assert.match(text, /- nvidia-cublas-cu12, nvidia-cudnn-cu12 and torch's own CUDA libraries \(40 MB\)/);
  assert.match(text, /use opencv-python-headless/);

  // A project folder: what it does decides. GPU use silences the CUDA advice; a CPU project is told so.
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-')), `lean-size-none-${Date.now().toString(36)}`);
  fs.mkdirSync(dir);
  const said = async (code: string) => {
    fs.writeFileSync(path.join(dir, 'main.py'), code);
    const o = captureIo();
    assert.equal(await main(['size', dir, '--tag', fat.tag], o), 0, o.stderr.join('\n'));
    return o.stdout.join('\n');
  };
  assert.doesNotMatch(await said('import torch\nx = torch.zeros(1).cuda()\n'), /CUDA libraries of torch/);
  assert.match(
    await said('import torch\nprint(torch.zeros(1))\n'),
    /CUDA libraries of torch; this project shows no GPU use/,
  );
  // An image not built yet: how to build it, one line.
  const missing = captureIo();
  assert.notEqual(await main(['size', dir], missing), 0);
  assert.match(missing.stderr.join('\n'), /no image lean-size-none-\w+:latest for .*: build it first/);
  fs.rmSync(path.dirname(dir), { recursive: true, force: true });
});
