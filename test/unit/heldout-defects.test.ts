// Defects found by the held-out requirements benchmark (issue 23): each test failed before its fix.
import test from 'node:test';
import assert from 'node:assert/strict';
import { launcherFacts } from '../../src/core/python/launchers';
import { condaDeclarations, setupPyDeclarations } from '../../src/core/python/declared';

const parse = (spec: string): { name: string; spec: string; class: 'runtime' } | undefined => {
  const name = /^[A-Za-z0-9][\w.-]*/.exec(spec.trim())?.[0];
  return name ? { name, spec, class: 'runtime' } : undefined;
};

test('setup.py whose install_requires is read from requirements.txt declares nothing (not `requirements.txt`)', () => {
  const text = [
    'import os',
    'from setuptools import setup',
    'setup(',
    '    name="pkg",',
    '    install_requires=[',
    '        str(r).strip()',
    '        for r in open(os.path.join(os.path.dirname(__file__), "requirements.txt"))',
    '        if r.strip() and not r.startswith("#")',
    '    ],',
    '    extras_require={"dev": ["pytest"]},',
    ')',
  ].join('\n');
  assert.deepEqual(
    setupPyDeclarations(text, parse).map((d) => `${d.name}:${d.class}`),
    ['pytest:dev'],
  );
  // A literal list is still read.
  assert.deepEqual(
    setupPyDeclarations('setup(install_requires=["torch", "tqdm>=4"])', parse).map((d) => d.name),
    ['torch', 'tqdm'],
  );
});

test('shell: `python train.py -m NAME` passes -m to the script; only `python -m MOD` runs a module', () => {
  const mods = (text: string): string[] => launcherFacts('shell', text).modules.map((m) => m.module);
  assert.deepEqual(mods('python train.py -m gpt2_small --epochs 3'), []);
  assert.deepEqual(mods('python3 scripts/eval.py --data x -m resnet50'), []);
  assert.deepEqual(mods('python -u -m torch.distributed.run train.py'), ['torch.distributed.run']);
  assert.deepEqual(mods('python -m http.server 8000'), ['http.server']);
});

test('environment.yml: a conda-only system package (p7zip) is reported, never a pip line', () => {
  const text = 'dependencies:\n  - python=3.10\n  - p7zip\n  - unzip\n  - pandoc\n  - pandas\n';
  const r = condaDeclarations(['python=3.10', 'p7zip', 'unzip', 'pandoc', 'pandas'], text);
  assert.deepEqual(
    r.packages.map((p) => p.name),
    ['pandas'],
  );
  assert.deepEqual(
    r.reported.map((p) => p.name),
    ['p7zip', 'unzip', 'pandoc'],
  );
  assert.match(r.reported[0].reason, /apt/);
});

test("compose: commands of a service that runs a prebuilt image (Airflow's celery worker, flower) are not ours", () => {
  const text = [
    'x-airflow-common:',
    '  &airflow-common',
    '  image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:2.7.1}',
    '  # build: .',
    'services:',
    '  airflow-worker:',
    '    <<: *airflow-common',
    '    command: celery worker',
    '  flower:',
    '    <<: *airflow-common',
    '    command: celery flower',
    '  redis:',
    '    image: redis:7',
    '    command: redis-server',
    '  web:',
    '    build: .',
    '    command: gunicorn app:app',
    '  worker:',
    '    build:',
    '      context: .',
    '    command: ["celery", "-A", "tasks", "worker"]',
  ].join('\n');
  assert.deepEqual(
    launcherFacts('compose', text).needs.map((n) => `${n.name}:${n.line}`),
    ['gunicorn:17', 'celery:21'],
  );
});

test('side paths: imports under a flag, device or backend branch are optional; the __main__ guard and version checks are not', async () => {
  const { scanPython } = await import('../../src/core/python/extract');
  const cls = (src: string): string[] => scanPython(src).imports.map((i) => `${i.module}:${i.class}`);
  assert.deepEqual(
    cls(
      [
        'import torch',
        'if args.fp16:',
        '    import apex',
        'elif backend == "tf":',
        '    import tensorflow as tf',
        'elif x:',
        '    from jax import numpy',
        'if torch.cuda.is_available():',
        '    import pynvml',
        'if sys.version_info >= (3, 11):',
        '    import tomllib',
        'if __name__ == "__main__":',
        '    import fire',
      ].join('\n'),
    ),
    [
      'torch:runtime',
      'apex:optional',
      'tensorflow:optional',
      'jax:runtime',
      'pynvml:optional',
      'tomllib:runtime',
      'fire:runtime',
    ],
  );
});

test('framework needs with provenance: tokenizer backends, Trainer, device_map, 8-bit loading, LSUN, pyunpack', async () => {
  const { scanPython } = await import('../../src/core/python/extract');
  const { FRAMEWORK_NEEDS } = await import('../../src/core/python/runtimeNeeds');
  const needs = (src: string): string[] => scanPython(src).needs.map((n) => `${n.name}:${n.line}`);
  assert.deepEqual(
    needs(
      [
        'from transformers import LlamaTokenizer, LlamaForCausalLM, AutoTokenizer',
        'tok = LlamaTokenizer.from_pretrained(base)',
        'fast = T5TokenizerFast.from_pretrained(base)',
        'tok2 = AutoTokenizer.from_pretrained(path, use_fast=False)',
        'tok3 = AutoTokenizer.from_pretrained(path)',
        'model = LlamaForCausalLM.from_pretrained(base, load_in_8bit=True, device_map="auto")',
        'trainer = transformers.Trainer(model=model, args=transformers.TrainingArguments(output_dir="x"))',
        'data = dset.LSUN(root, classes=["bedroom_train"])',
        'from pyunpack import Archive',
        '# tok = T5Tokenizer.from_pretrained("t5")',
        'class Trainer(DefaultTrainer):',
        '    t = Trainer(cfg)',
      ].join('\n'),
    ),
    ['sentencepiece:2', 'sentencepiece:4', 'accelerate:6', 'bitsandbytes:6', 'accelerate:7', 'lmdb:8', 'patool:9'],
  );
  for (const r of FRAMEWORK_NEEDS) assert.match(r.source, /^https:\/\//, `${r.name} cites its documentation`);
});

test('scan --explain NAME says why a line is there: imported at FILE:LINE, needed at FILE:LINE for what', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const { main } = await import('../../src/cli/main');
  const { captureIo } = await import('./cli-io');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-explain-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'train.py'),
      'import pandas as pd\nfrom transformers import LlamaTokenizer\n\ntok = LlamaTokenizer.from_pretrained("x")\ndf = pd.read_parquet("d.parquet")\n',
    );
    let io = captureIo(dir);
    assert.equal(await main(['scan', '.', '--offline', '--no-pin', '--explain', 'sentencepiece'], io), 0);
    assert.deepEqual(io.stdout, [
      'sentencepiece: an install line',
      '  needed at train.py:4: needed by the transformers SentencePiece tokenizer (LlamaTokenizer, T5Tokenizer, …)',
    ]);
    io = captureIo(dir);
    assert.equal(await main(['scan', '.', '--offline', '--no-pin', '--explain', 'pandas'], io), 0);
    assert.deepEqual(io.stdout, ['pandas: an install line', '  imported as pandas at train.py:1']);
    io = captureIo(dir);
    assert.equal(await main(['scan', '.', '--offline', '--explain', 'flask'], io), 2);
    assert.match(io.stderr.join('\n'), /flask: not among the requirements/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('what the framework installs is not listed again: starlette with fastapi, botocore with boto3', async () => {
  const { buildRequirements } = await import('../../src/core/python/requirements');
  const site = (module: string, line: number) => ({
    module,
    file: 'app.py',
    line,
    class: 'runtime' as const,
    names: [],
  });
  const build = (mods: string[]) =>
    buildRequirements({
      sites: mods.map((m, i) => site(m, i + 1)),
      pips: [],
      declared: [],
      interp: { stdlib: new Set(), packages: new Map(), installed: new Map() } as never,
      noPin: true,
    }).requirements.map((r) => `${r.name}:${r.class}${r.providedBy ? `<${r.providedBy}` : ''}`);
  assert.deepEqual(build(['fastapi', 'starlette.responses', 'boto3', 'botocore.exceptions']), [
    'boto3:runtime',
    'fastapi:runtime',
    'botocore:optional<boto3',
    'starlette:optional<fastapi',
  ]);
  // Alone, the inner distribution is the project's own requirement.
  assert.deepEqual(build(['starlette.applications']), ['starlette:runtime']);
});
