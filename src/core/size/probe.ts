/**
 * What the size advisor asks an image, offline: a Python program run by the image's own python (network none)
 * that measures every installed distribution (the files its RECORD lists, plus its metadata folder) and the
 * places whose bytes are known to be avoidable: caches, apt lists, compilers, the CUDA toolkit, large files
 * under the working directory. Bytes are apparent sizes, which is what layers count.
 */

/** Paths measured as a whole (folders summed, globs expanded). */
export const MEASURED_PATHS: Readonly<Record<string, readonly string[]>> = {
  pipCache: ['/root/.cache/pip', '/home/*/.cache/pip', '/tmp/pip-*'],
  aptLists: ['/var/lib/apt/lists/*_*', '/var/cache/apt/archives/*.deb', '/var/cache/apt/*.bin'],
  compilers: [
    '/usr/lib/gcc',
    '/usr/libexec/gcc',
    '/usr/bin/*-linux-gnu-gcc*',
    '/usr/bin/*-linux-gnu-g++*',
    '/usr/bin/*-linux-gnu-cpp*',
    '/usr/bin/gcc*',
    '/usr/bin/g++*',
    '/usr/bin/cc1*',
    '/usr/include',
  ],
  cudaDevel: [
    '/usr/local/cuda*/bin/nvcc',
    '/usr/local/cuda*/nvvm',
    '/usr/local/cuda*/include',
    '/usr/local/cuda*/lib64/*_static.a',
    '/usr/local/cuda*/lib64/*_static_*.a',
  ],
};

/** Files above this size under the working directory count as data baked into the image. */
export const DATA_FILE_BYTES = 50 * 1024 * 1024;

export const SIZE_PROBE_MARKER = 'DSC-SIZE-PROBE';

/** The program, run as `python -c PROGRAM WORKDIR`; it prints the marker and one JSON line. */
export const SIZE_PROBE_PROGRAM = String.raw`
import glob, json, os, re, sys
CUDA_LIB = re.compile("lib(" + "|".join((
    "torch_cuda", "c10_cuda", "caffe2_nvrtc", "cudnn", "cublas", "cudart", "nccl", "nvrtc", "nvtoolsext",
    "cufft", "curand", "cusolver", "cusparse", "cupti", "nvjitlink")) + ")")
from importlib import metadata
def size(p):
    try:
        if os.path.islink(p): return 0
        if os.path.isfile(p): return os.path.getsize(p)
        n = 0
        for d, _, fs in os.walk(p):
            for f in fs:
                q = os.path.join(d, f)
                if not os.path.islink(q):
                    try: n += os.path.getsize(q)
                    except OSError: pass
        return n
    except OSError:
        return 0
dists, seen = [], set()
for d in metadata.distributions():
    name = d.metadata.get("Name") or ""
    info = str(getattr(d, "_path", ""))
    if not name or info in seen: continue
    seen.add(info)
    base = os.path.dirname(info)
    files, n, gui, cuda = set(), 0, 0, 0
    torch = name.lower() in ("torch", "torchvision", "torchaudio")
    for f in d.files or []:
        p = os.path.normpath(os.path.join(base, str(f)))
        if p.startswith(info) or p in files: continue
        files.add(p)
        s = size(p) if os.path.isfile(p) else 0
        n += s
        l = str(f).lower()
        if "/qt" in l or "libqt" in l or "libx" in l or "libxcb" in l or "libgl" in l: gui += s
        if torch and CUDA_LIB.match(os.path.basename(l)): cuda += s
    if not files:
        # No RECORD (Debian's packages): the top-level packages it names, measured where it is installed.
        for t in (d.read_text("top_level.txt") or "").split():
            for q in (os.path.join(base, t), os.path.join(base, t + ".py")):
                if os.path.exists(q): n += size(q)
    n += size(info)
    dists.append({"name": name, "version": d.version or "", "bytes": n, "gui": gui, "cuda": cuda, "location": base})
paths = {}
for key, pats in json.loads(sys.argv[2]).items():
    found = set()
    for pat in pats: found.update(glob.glob(pat))
    paths[key] = sum(size(p) for p in sorted(found) if not any(p != q and p.startswith(q + "/") for q in found))
data = []
wd = sys.argv[1]
if wd and wd != "/" and os.path.isdir(wd):
    for d, dirs, fs in os.walk(wd):
        dirs[:] = [x for x in dirs if x not in ("site-packages", "dist-packages", ".git", "proc")]
        for f in fs:
            q = os.path.join(d, f)
            try:
                s = os.path.getsize(q)
            except OSError: continue
            if s > ${DATA_FILE_BYTES} and not os.path.islink(q): data.append({"path": q, "bytes": s})
print("${SIZE_PROBE_MARKER}")
print(json.dumps({"dists": dists, "paths": paths, "data": data}))
`;

/** One installed distribution as measured. */
export interface MeasuredDist {
  name: string;
  version: string;
  bytes: number;
  /** Bytes of its GUI libraries (Qt, X11, GL), for OpenCV's headless advice. */
  gui: number;
  /**
   * Bytes of the CUDA libraries inside torch, torchvision, torchaudio (libtorch_cuda, libc10_cuda, and the
   * libcudnn, libcublas… older wheels bundle): what their CPU builds lack. Absent from older probes.
   */
  cuda?: number;
  location: string;
}

export interface SizeProbe {
  dists: MeasuredDist[];
  paths: Record<keyof typeof MEASURED_PATHS, number>;
  data: { path: string; bytes: number }[];
}

/** The probe's output → its facts; undefined when the marker line is missing (no Python, or it failed). */
export function parseSizeProbe(output: string): SizeProbe | undefined {
  const lines = output.split(/\r?\n/);
  const at = lines.findIndex((l) => l.trim() === SIZE_PROBE_MARKER);
  if (at < 0) return undefined;
  try {
    const raw = JSON.parse(lines[at + 1]) as SizeProbe;
    return Array.isArray(raw.dists) && raw.paths ? raw : undefined;
  } catch {
    return undefined;
  }
}
