// Issue 11 without an engine: the shapes of real projects (subfolder entries, src/ layouts, pyproject
// packages, .env settings, many examples, library-only code) turned into files that run, and a CLI that
// says what it did in a few lines and takes the options its own hints name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeProject } from '../../src/node/analyze';
import { generateCompose, generateDockerfile, specFromAnalysis } from '../../src/core/generate';
import { parse as parseYaml } from 'yaml';
import { parseEnvFile, missingEnvHint } from '../../src/core/docker/envFile';
import { excludeDirectives } from '../../src/core/requirements/exclude';
import { baseImageChange } from '../../src/core/dockerfile/rebase';
import { readEnvFiles } from '../../src/node/docker/run';
import { atMost } from '../../src/node/docker/streams';
import { entryDirOf, runtimeSites } from '../../src/node/docker/importCheck';
import { IMPORT_CHECK_PROGRAM } from '../../src/core/docker/importCheck';
import { main } from '../../src/cli/main';
import { recordingIo } from './analysis-samples';

const REAL = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'real');
const NO_ENGINE = { DOCKER_HOST: 'unix:///tmp/dsc-no-such-engine.sock' };

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-real-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const copy = (name: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-real-'));
  fs.cpSync(path.join(REAL, name), d, { recursive: true });
  return d;
};

test("a script in a subfolder importing the root package: the root goes on PYTHONPATH, and check imports it from the entry's folder", async () => {
  const a = await analyzeProject(path.join(REAL, 'subfolder-env'), { python: false });
  assert.equal(a.entry, 'examples/predict.py');
  assert.deepEqual(a.importRoots, ['.']);
  const df = generateDockerfile(specFromAnalysis(a));
  assert.match(df, /^ENV PYTHONPATH=\/app$/m);
  // check: the entry's own import of the root package is checked, from examples/ as `python examples/predict.py` runs.
  assert.ok(runtimeSites(a).some((s) => s.module === 'churn' && s.file === 'examples/predict.py' && s.line === 3));
  assert.equal(entryDirOf(a), 'examples');
  assert.match(IMPORT_CHECK_PROGRAM, /sys\.path\[0\] = os\.path\.join\(os\.getcwd\(\), sys\.argv\[2\]\)/);
});

test('src/ layout with a pyproject package: /app/src on PYTHONPATH, build backend first, the project installed (editable as its README says)', async () => {
  const a = await analyzeProject(path.join(REAL, 'src-pyproject'), { python: false });
  assert.deepEqual(a.importRoots, ['src']);
  assert.deepEqual(a.installable, { editable: true, buildRequires: ['setuptools>=61'] });
  const df = generateDockerfile(specFromAnalysis(a));
  assert.match(df, /^ENV PYTHONPATH=\/app\/src$/m);
  assert.match(
    df,
    /^RUN pip install --no-cache-dir "setuptools>=61"\n[^]*COPY --chown=\$\{UID\} \. \.\n(?:#.*\n)*RUN pip install --no-cache-dir --no-deps --no-build-isolation -e \.\nUSER \$\{UID\}$/m,
  );
  // Without a README saying -e, the project is installed as a package.
  const dir = copy('src-pyproject');
  fs.rmSync(path.join(dir, 'README.md'));
  assert.match(
    generateDockerfile(specFromAnalysis(await analyzeProject(dir, { python: false }))),
    /--no-build-isolation \.$/m,
  );
  fs.rmSync(dir, { recursive: true });
});

test('.env files: dotenv syntax, read at each run, a missing .env that .env.example suggests is one hint', async () => {
  assert.deepEqual(
    parseEnvFile('# c\n\nA=1\nexport B="two words" # x\nC=\'lit $x\'\nD=plain # comment\nE="multi\nline"\nbad line\n'),
    {
      vars: ['A=1', 'B=two words', 'C=lit $x', 'D=plain', 'E=multi\nline'],
      problems: [{ line: 9, message: 'not a KEY=value line: "bad line"' }],
    },
  );
  assert.equal(missingEnvHint(['.env.example', '.env']), undefined);
  assert.match(missingEnvHint(['.env.example'])!, /^hint: .*cp \.env\.example \.env/);
  const dir = project({ '.env.example': 'TOKEN=\n' });
  const notes: string[] = [];
  assert.deepEqual(await readEnvFiles({ dir, onNote: (l) => notes.push(l) }), []);
  assert.equal(notes.length, 1);
  fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=abc\n');
  fs.writeFileSync(path.join(dir, '.env.prod'), 'TOKEN=prod\nMODE=prod\n');
  assert.deepEqual(await readEnvFiles({ dir }), ['TOKEN=abc']);
  assert.deepEqual(await readEnvFiles({ dir, envFiles: ['.env', '.env.prod'] }), [
    'TOKEN=abc',
    'TOKEN=prod',
    'MODE=prod',
  ]);
  await assert.rejects(readEnvFiles({ dir, envFiles: ['.env.nope'] }), /cannot read env file \.env\.nope: ENOENT/);
  fs.rmSync(dir, { recursive: true });
});

test('compose.yaml reads a .env created after scaffold from .env.example (optional env_file), and .env when it exists', async () => {
  const dir = project({ 'app.py': 'print(1)\n', '.env.example': 'TOKEN=\n' });
  const service = async () => {
    const analysis = await analyzeProject(dir, { python: false, offline: true });
    return (parseYaml(generateCompose(specFromAnalysis(analysis))) as any).services.app; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  assert.deepEqual((await service()).env_file, [{ path: '.env', required: false }]);
  fs.writeFileSync(path.join(dir, '.env'), 'TOKEN=abc\n');
  assert.deepEqual((await service()).env_file, ['.env']);
  fs.rmSync(path.join(dir, '.env.example'));
  fs.rmSync(path.join(dir, '.env'));
  assert.equal((await service()).env_file, undefined);
  fs.rmSync(dir, { recursive: true });
});

test('--base-image against an existing Dockerfile: said with a diff, not applied without --force, applied with it', async () => {
  assert.equal(baseImageChange('FROM python:3.11-slim\n', 'python:3.11-slim'), undefined);
  assert.deepEqual(
    baseImageChange('FROM --platform=linux/amd64 python:3.11-slim AS base\nFROM base\n', 'x:1'),
    undefined,
  );
  assert.deepEqual(baseImageChange('FROM a:1 AS build\nRUN x\nFROM python:3.11-slim\r\nCMD y\n', 'local/py:2'), {
    current: 'python:3.11-slim',
    line: 3,
    text: 'FROM a:1 AS build\nRUN x\nFROM local/py:2\r\nCMD y\n',
  });
  const dir = project({ 'train.py': 'print(1)\n' });
  const mine = 'FROM python:3.11-slim\nCOPY . .\nCMD ["python", "train.py"]\n';
  fs.writeFileSync(path.join(dir, 'Dockerfile'), mine);
  const io = { ...recordingIo(dir), env: NO_ENGINE };
  assert.equal(await main(['up', '.', '--no-pin', '--base-image', 'local/python:3.11-scipy'], io), 1);
  assert.equal(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), mine);
  assert.equal(io.stderr[0], 'Dockerfile:1: FROM python:3.11-slim, but --base-image local/python:3.11-scipy was asked');
  assert.match(io.stdout.join('\n'), /^-FROM python:3\.11-slim\n\+FROM local\/python:3\.11-scipy$/m);
  assert.match(io.stderr.at(-1)!, /rerun with --force to apply this change/);
  const forced = { ...recordingIo(dir), env: NO_ENGINE };
  assert.equal(
    await main(['up', '.', '--no-pin', '--base-image', 'local/python:3.11-scipy', '--force'], forced),
    1,
    'then the build cannot reach the engine',
  );
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^FROM local\/python:3\.11-scipy\nCOPY/);
  assert.match(forced.stderr.at(-1)!, /cannot reach Docker/);
  fs.rmSync(dir, { recursive: true });
});

test("every option that up's own hints name is one up accepts", async () => {
  for (const flags of [
    ['--force'],
    ['--entry', 'train.py'],
    ['--mode', 'script'],
    ['--verbose'],
    ['--exclude', 'gym'],
    ['--env-file', '.env'],
    ['--python', '3.11'],
    ['--gpu'],
  ]) {
    const fresh = project({ 'train.py': 'print(1)\n' });
    const io = { ...recordingIo(fresh), env: NO_ENGINE };
    await main(['up', '.', '--no-pin', ...flags], io);
    assert.ok(!io.stderr.some((l) => /unknown option/.test(l)), `${flags.join(' ')}: ${io.stderr.join('|')}`);
    assert.match(io.stderr.at(-1)!, /cannot reach Docker/, flags.join(' '));
    fs.rmSync(fresh, { recursive: true });
  }
  const dir = project({ 'train.py': 'print(1)\n' });
  // The hints themselves: the scaffold inside up says --force and --verbose; the entry line says --entry.
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\n');
  fs.writeFileSync(path.join(dir, 'other.py'), 'if __name__ == "__main__":\n    print(2)\n');
  const io = { ...recordingIo(dir), env: NO_ENGINE };
  await main(['up', '.', '--no-pin', '--entry', 'other.py'], io);
  assert.equal(
    io.stdout.at(-1),
    'Left alone (they exist): Dockerfile. See the changes with --verbose; rerun with --force to replace them.',
  );
  fs.rmSync(dir, { recursive: true });
});

test('# dsc: exclude in requirements.txt, --exclude: a removed requirement never comes back', async () => {
  assert.deepEqual(excludeDirectives('numpy\n# dsc: exclude gym, Box2D\n#dsc:exclude  torch\n# not: exclude x\n'), [
    { name: 'gym', line: 2 },
    { name: 'Box2D', line: 2 },
    { name: 'torch', line: 3 },
  ]);
  const dir = project({
    'train.py': 'import gym\nimport numpy\nimport torch\nprint(1)\n',
    'requirements.txt': 'numpy\n# dsc: exclude gym\n',
  });
  const io = recordingIo(dir);
  assert.equal(await main(['scaffold', '.', '--exclude', 'torch'], io), 0, io.stderr.join('\n'));
  const text = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
  assert.equal(text, 'numpy\n# dsc: exclude gym\n');
  assert.ok(!io.stdout.some((l) => /adding/.test(l)), io.stdout.join('\n'));
  // A name excluded but still listed: one warning, the line stays (never deleted for the user).
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy\ngym\n# dsc: exclude gym\n');
  const again = recordingIo(dir);
  await main(['scaffold', '.', '--exclude', 'torch'], again);
  assert.ok(
    again.stderr.includes(
      'requirements.txt: warning: gym is excluded but still listed; delete its line (it will not be added back)',
    ),
    again.stderr.join('\n'),
  );
  fs.rmSync(dir, { recursive: true });
});

test("the editor's exclude (dsContainers.requirements.exclude) joins the directives in the one analysis", async () => {
  const dir = project({
    'train.py': 'import gym\nimport numpy\nimport torch\nprint(1)\n',
    'requirements.txt': 'numpy\n# dsc: exclude gym\n',
  });
  const analysis = await analyzeProject(dir, { python: false, offline: true, exclude: ['Torch', 'GYM'] });
  assert.deepEqual(analysis.excluded, ['gym', 'Torch']);
  const names = specFromAnalysis(analysis).requirements.map((r) => r.name);
  assert.ok(names.includes('numpy') && !names.includes('gym') && !names.includes('torch'), names.join(' '));
  fs.rmSync(dir, { recursive: true });
});

test("the entry explains itself: the README's script among many examples; a library module is never the entry", async () => {
  const files: Record<string, string> = { 'README.md': 'Run it:\n\n    python examples/zz_train.py --epochs 3\n' };
  for (let i = 0; i < 40; i++)
    files[`examples/ex${String(i).padStart(2, '0')}.py`] = 'if __name__ == "__main__":\n    print(1)\n';
  files['examples/zz_train.py'] = 'if __name__ == "__main__":\n    print("train")\n';
  const dir = project(files);
  const a = await analyzeProject(dir, { python: false });
  assert.equal(a.entry, 'examples/zz_train.py');
  assert.equal(a.entryWhy, 'the README or Makefile runs it');
  assert.equal(a.entryAlternatives?.length, 40);
  const io = { ...recordingIo(dir), env: NO_ENGINE };
  await main(['scaffold', '.', '--dry-run'], io);
  assert.ok(io.stdout.includes('Entry examples/zz_train.py: the README or Makefile runs it.'), io.stdout.join('\n'));
  assert.ok(
    io.stdout.includes(
      '  Also runnable: examples/ex00.py, examples/ex01.py, examples/ex02.py, examples/ex03.py, examples/ex04.py and 35 more; choose one with --entry FILE.',
    ),
  );
  // Only functions and classes: nothing to run, said as such, with the ways forward.
  const lib = project({
    'utils.py': 'import json\n\n\ndef load(p):\n    return json.load(open(p))\n',
    'model.py': 'class Model:\n    pass\n',
  });
  assert.equal((await analyzeProject(lib, { python: false })).entry, undefined);
  const io2 = recordingIo(lib);
  assert.equal(await main(['scaffold', '.'], io2), 2);
  assert.match(
    io2.stderr.join('\n'),
    /no runnable entry: no file has `if __name__ == "__main__":` or top-level code[^]*--entry FILE[^]*--mode jupyter/,
  );
  // No code at all: said as such (not "library modules only"), with JupyterLab as the way to start.
  const empty = project({ 'README.md': '# soon\n' });
  const io3 = recordingIo(empty);
  assert.equal(await main(['scaffold', '.'], io3), 2);
  assert.match(io3.stderr.join('\n'), /no Python scripts or notebooks here yet[^]*--mode jupyter/);
  assert.doesNotMatch(io3.stderr.join('\n'), /library modules/);
  fs.rmSync(empty, { recursive: true });
  // A script without a guard but with top-level calls still runs.
  fs.writeFileSync(path.join(lib, 'report.py'), 'from utils import load\n\nprint(load("x.json"))\n');
  assert.equal((await analyzeProject(lib, { python: false })).entry, 'report.py');
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(lib, { recursive: true });
});

test('quiet output: --dry-run says each file once; an unknown package is one warning', async () => {
  const dir = project({ 'train.py': 'import surely_unknown_pkg\nprint(1)\n' });
  const first = recordingIo(dir);
  assert.equal(await main(['scaffold', '.'], first), 0);
  const io = recordingIo(dir);
  assert.equal(await main(['scaffold', '.', '--dry-run'], io), 0);
  for (const f of ['requirements.txt', 'Dockerfile', 'compose.yaml', '.dockerignore']) {
    assert.equal(io.stdout.filter((l) => l.startsWith(`${f}:`)).length, 1, `${f}: ${io.stdout.join('\n')}`);
  }
  assert.equal(io.stderr.filter((l) => l.includes('surely_unknown_pkg')).length, 1, io.stderr.join('\n'));
  fs.rmSync(dir, { recursive: true });
});

test('a finished run leaves no timer behind: the output wait ends with the output', async () => {
  const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  await atMost(Promise.resolve(), 60_000);
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, before);
});
