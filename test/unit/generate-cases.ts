import { ProjectSpec } from '../../src/core/project';
import { specFromAnalysis } from '../../src/core/generate';
import { analysis, req } from './analysis-samples';

const MB = 1024 * 1024;
/** Cases made the way scaffold makes them (from an analysis), so that the golden files show the choices. */
const fromScan = (over: Parameters<typeof analysis>[0], gpu?: boolean): ProjectSpec => {
  const spec = specFromAnalysis(analysis({ root: '/p/my-project', ...over }), { gpu });
  delete spec.tag;
  return spec;
};

/** Specs for the generator golden tests; each name is a folder under test/unit/golden/. */
export const goldenCases: Record<string, ProjectSpec> = {
  script: {
    mode: 'script',
    entry: 'train.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [{ name: 'numpy', version: '1.26.4' }],
    versionSource: 'python3 (Python 3.11.2)',
  },
  jupyter: {
    mode: 'jupyter',
    pythonVersion: '3.12',
    gpu: false,
    hasEnvFile: false,
    requirements: [
      { name: 'pandas', version: '2.2.2' },
      { name: 'matplotlib', version: '3.9.0' },
      { name: 'jupyterlab' },
    ],
    versionSource: 'python3 (Python 3.12.3)',
  },
  'jupyter-on-jupyter-image': {
    mode: 'jupyter',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    baseImage: 'jupyter/scipy-notebook:2024-05-27',
    requirements: [{ name: 'seaborn', version: '0.13.2' }],
  },
  'app-streamlit': {
    mode: 'app',
    framework: 'streamlit',
    entry: 'app.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [
      { name: 'streamlit', version: '1.35.0' },
      { name: 'pandas', version: '2.2.2' },
    ],
  },
  'app-fastapi': {
    mode: 'app',
    framework: 'fastapi',
    entry: 'src/service/main.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [
      { name: 'fastapi', version: '0.111.0' },
      { name: 'uvicorn' },
      { name: 'scikit-learn', version: '1.5.0' },
    ],
  },
  'app-flask': {
    mode: 'app',
    framework: 'flask',
    entry: 'app.py',
    pythonVersion: '3.10',
    gpu: false,
    hasEnvFile: false,
    requirements: [{ name: 'Flask', version: '3.0.3' }],
  },
  'app-gradio': {
    mode: 'app',
    framework: 'gradio',
    entry: 'demo.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [{ name: 'gradio', version: '4.36.1' }],
  },
  'app-dash': {
    mode: 'app',
    framework: 'dash',
    entry: 'dashboard.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [
      { name: 'dash', version: '2.17.0' },
      { name: 'plotly', version: '5.22.0' },
    ],
  },
  gpu: {
    mode: 'script',
    entry: 'train.py',
    pythonVersion: '3.11',
    gpu: true,
    hasEnvFile: false,
    requirements: [
      { name: 'torch', version: '2.3.1' },
      { name: 'torchvision', version: '0.18.1' },
    ],
  },
  'gpu-cuda-base': {
    mode: 'script',
    entry: 'train.py',
    pythonVersion: '3.10',
    gpu: true,
    hasEnvFile: false,
    baseImage: 'nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04',
    requirements: [{ name: 'torch', version: '2.3.1' }],
  },
  'system-packages': {
    mode: 'script',
    entry: 'detect.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [
      { name: 'opencv-python', version: '4.10.0.84' },
      { name: 'lightgbm', version: '4.3.0' },
      { name: 'numpy', version: '1.26.4' },
    ],
    systemPackages: ['libgl1', 'libglib2.0-0', 'libgomp1', 'fonts-dejavu-core'],
  },
  'env-file-and-data': {
    mode: 'app',
    framework: 'streamlit',
    entry: 'app.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: true,
    requirements: [
      { name: 'streamlit', version: '1.35.0' },
      { name: 'python-dotenv', version: '1.0.1' },
    ],
    ignoreFolders: ['data/', './models/checkpoints'],
  },
  'pip-cache-mount': {
    mode: 'script',
    entry: 'main.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    pipCacheMount: true,
    requirements: [{ name: 'numpy', version: '1.26.4' }],
  },
  // No GPU sign: torch, torchvision, torchaudio from the CPU wheel index; a CUDA local label is dropped.
  'cpu-torch': fromScan({
    requirements: [
      req('torch', '2.3.1+cu121'),
      req('torchvision', '0.18.1'),
      req('torchaudio', '2.3.1'),
      req('numpy', '1.26.4'),
    ],
  }),
  // --gpu: the CUDA build from PyPI, no CPU index.
  'gpu-torch': fromScan({ requirements: [req('torch', '2.3.1'), req('numpy', '1.26.4')] }, true),
  // A CUDA devel base only builds: the image runs FROM its runtime twin, the venv copied over.
  'gpu-devel-base': {
    ...fromScan({ requirements: [req('torch', '2.3.1'), req('numpy', '1.26.4')] }, true),
    baseImage: 'nvidia/cuda:12.4.1-cudnn-devel-ubuntu22.04',
  },
  // cv2 with no imshow/namedWindow/waitKey: the headless build, and no libGL.
  'opencv-headless': fromScan({ requirements: [req('opencv-python', '4.10.0.84'), req('numpy', '1.26.4')] }),
  // cv2.imshow somewhere: the GUI build and its libraries stay.
  'opencv-gui': fromScan({ guiCalls: true, requirements: [req('opencv-python', '4.10.0.84')] }),
  // psycopg2 compiles: gcc and the headers only in a build stage; the image gets libpq5.
  'build-stage': fromScan({ requirements: [req('psycopg2', '2.9.9'), req('pandas', '2.2.2')] }),
  // A uv project on a base image with uv (issue 24): `uv sync --locked` installs uv.lock into /opt/venv (outside the
  // /app mount), then the project itself; requirements.txt only lists the lock's pins. No uv binary on this machine:
  // this golden file, the lint test over it and the unit tests are what is tested of it here.
  'uv-sync': {
    mode: 'script',
    entry: 'main.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    baseImage: 'ghcr.io/astral-sh/uv:python3.11-bookworm-slim',
    requirements: [
      { name: 'numpy', version: '1.24.2' },
      { name: 'pandas', version: '1.5.3' },
    ],
    install: { buildRequires: ['hatchling'], editable: false },
    lock: {
      file: 'uv.lock',
      installer: 'uv sync --locked (the Dockerfile installs uv.lock; this file lists its pins)',
      sync: 'uv',
      packages: [
        { name: 'numpy', version: '1.24.2', hashes: ['sha256:aaa'] },
        { name: 'pandas', version: '1.5.3', hashes: ['sha256:bbb'] },
      ],
    },
  },
  // Data folders and files above the threshold stay out; a kept one gets its ! line.
  'data-out': {
    ...fromScan({ requirements: [req('pandas', '2.2.2')] }),
    dataOut: {
      thresholdMB: 50,
      folders: [{ path: 'data', bytes: 300 * MB }],
      files: [
        { path: 'models/weights.pt', bytes: 60 * MB },
        { path: 'raw [2024].csv', bytes: 80 * MB },
      ],
      keep: ['models/small.ckpt'],
    },
  },
};
