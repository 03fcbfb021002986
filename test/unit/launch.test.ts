// Issue 26, defect 3: the launch a project documents (README code, Makefile targets, dvc.yaml stages, MLproject,
// Snakefile, `python -m pkg`), entries that demand arguments, and a Flask app whose __main__ loads its model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeProject } from '../../src/node/analyze';
import { specFromAnalysis } from '../../src/core/generate';
import { modeRuntime } from '../../src/core/generate/modes';
import { generateDockerfile } from '../../src/core/generate/dockerfile';
import { launchReport } from '../../src/core/generate/launch';
import { argvDemand, mainFacts } from '../../src/core/python/entryFacts';
import { dvcLaunches, makefileLaunches, pythonCommand, readmeLaunches, shellWords } from '../../src/core/python/launch';
import { chooseLaunch, portOfArgs } from '../../src/core/python/launchChoice';
import { main } from '../../src/cli/main';
import { recordingIo } from './analysis-samples';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/launch');
const analyze = (name: string) => analyzeProject(path.join(FIXTURES, name), { python: false, offline: true });
const cmdOf = async (name: string) => modeRuntime(specFromAnalysis(await analyze(name))).cmd;

test('shell words and python commands: quotes, env prefixes, -m, interpreter flags, pipes refused', () => {
  assert.deepEqual(shellWords(`python main.py "a b" 'c'`), ['python', 'main.py', 'a b', 'c']);
  assert.equal(shellWords('python "unclosed'), undefined);
  assert.deepEqual(pythonCommand('CUDA=0 python3 -u train.py --lr 0.1'), { script: 'train.py', args: ['--lr', '0.1'] });
  assert.deepEqual(pythonCommand('python -m pkg.cli serve'), { module: 'pkg.cli', args: ['serve'] });
  assert.deepEqual(pythonCommand('python ./main.py 5000 && echo done'), { script: 'main.py', args: ['5000'] });
  assert.equal(pythonCommand('python main.py > log.txt'), undefined);
  assert.equal(pythonCommand('pip install -r requirements.txt'), undefined);
});

test('README launches come from code only (fences, inline, $ lines), with placeholders marked', () => {
  const readme = [
    'Run python notes.py to see nothing (prose is not code).',
    '```sh',
    '$ python main.py 5000',
    '```',
    'or `python main.py <port>`.',
  ].join('\n');
  const got = readmeLaunches('README.md', readme);
  assert.deepEqual(
    got.map((l) => [l.entry, l.args, l.from, l.missing]),
    [
      ['main.py', ['5000'], 'README.md:3', undefined],
      ['main.py', ['<port>'], 'README.md:5', ['<port>']],
    ],
  );
});

test('Makefile: run target preferred over test, $(VAR) from its assignments, PYTHON ?= python3', () => {
  const text =
    'PYTHON ?= python3\nDATA := d.csv\ntest:\n\t$(PYTHON) -m pytest\nrun:\n\t@$(PYTHON) fit.py --data $(DATA)\n';
  assert.deepEqual(
    makefileLaunches('Makefile', text).map((l) => [l.entry, l.args, l.from]),
    [['fit.py', ['--data', 'd.csv'], 'Makefile:6 (make run)']],
  );
});

test('dvc.yaml: the train stage, ${params} filled from params.yaml, other stages listed', () => {
  const text =
    'stages:\n  prep:\n    cmd: python prep.py\n  train:\n    cmd: python train.py --epochs ${train.epochs}\n';
  const parsed = {
    stages: { prep: { cmd: 'python prep.py' }, train: { cmd: 'python train.py --epochs ${train.epochs}' } },
  };
  const r = dvcLaunches('dvc.yaml', text, parsed, { train: { epochs: 3 } });
  assert.deepEqual(r.stages, ['prep', 'train']);
  assert.deepEqual(
    [r.launches[0].entry, r.launches[0].args, r.launches[0].from],
    ['train.py', ['--epochs', '3'], 'dvc.yaml:5 (stage train)'],
  );
  assert.deepEqual(dvcLaunches('dvc.yaml', text, parsed, {}).launches[0].missing, ['${train.epochs}']);
});

test('argv demands: argparse required and positional, click argument, sys.argv without a length check', () => {
  assert.deepEqual(argvDemand('p.add_argument(\n  "--epochs",\n  type=int,\n  required=True)\n'), {
    line: 1,
    what: '--epochs is required',
  });
  assert.deepEqual(argvDemand('import argparse\np.add_argument("data")\n'), { line: 2, what: 'the argument data' });
  assert.equal(argvDemand('p.add_argument("data", nargs="?")\np.add_argument("--lr", default=0.1)\n'), undefined);
  assert.deepEqual(argvDemand('@click.argument("path")\ndef main(path): ...\n'), {
    line: 1,
    what: 'the argument path',
  });
  assert.deepEqual(argvDemand('import sys\nn = int(sys.argv[1])\n'), { line: 2, what: 'sys.argv[1]' });
  assert.equal(argvDemand('import sys\nn = int(sys.argv[1]) if len(sys.argv) > 1 else 3\n'), undefined);
});

test('main facts: setup before app.run, host and port as written', () => {
  const m = mainFacts(
    'app = Flask(__name__)\nif __name__ == "__main__":\n    model = load()\n    app.run(host="0.0.0.0", port=int(sys.argv[1]))\n',
  );
  assert.deepEqual(m, { line: 2, setsUp: true, setupLine: 3, serve: { line: 4, host: '0.0.0.0', portFromArgv: true } });
  const plain = mainFacts(
    'if __name__ == "__main__":\n    port = int(os.environ.get("PORT", 8080))\n    app.run(port=port)\n',
  );
  assert.equal(plain?.setsUp, false);
  assert.equal(plain?.serve?.port, 8080);
  assert.equal(plain?.serve?.host, undefined);
  assert.deepEqual(
    [portOfArgs(['--port', '7000']), portOfArgs(['8080']), portOfArgs(['1', '2'])],
    [7000, 8080, undefined],
  );
});

test('Flask app loading its model under __main__: `python main.py 8080` as the README says, port 8080', async () => {
  const a = await analyze('flask-main');
  assert.equal(a.mode, 'app');
  assert.deepEqual(a.entryArgs, ['8080']);
  const spec = specFromAnalysis(a);
  assert.deepEqual(modeRuntime(spec).cmd, ['python', 'main.py', '8080']);
  assert.equal(spec.port, 8080);
  const dockerfile = generateDockerfile(spec);
  assert.match(dockerfile, /^EXPOSE 8080$/m);
  assert.match(dockerfile, /^CMD \["python", "main.py", "8080"\]$/m);
  assert.match(
    a.entryWhy!,
    /sets up before starting it .*flask run.* would skip: started with `python main\.py 8080` as README\.md:7 does/,
  );
});

test('Flask app whose __main__ only calls app.run: flask run, with FLASK_APP when the pin is before 2.2', () => {
  const analysis = {
    root: '/x',
    mode: 'app' as const,
    framework: 'flask' as const,
    entry: 'app.py',
    pythonVersion: '3.11',
    requirements: [
      { name: 'Flask', version: '1.0.2', verified: true, class: 'runtime' as const, imports: ['flask'], sites: [] },
    ],
    unresolved: [],
    localModules: ['app'],
    notebooks: [],
    existing: [],
    gpu: false,
    warnings: [],
  };
  const rt = modeRuntime(specFromAnalysis(analysis));
  assert.deepEqual(rt.env, [['FLASK_APP', 'app.py']]);
  assert.deepEqual(rt.cmd, ['python', '-m', 'flask', 'run', '--host=0.0.0.0', '--port=5000']);
  analysis.requirements[0].version = '3.0.0';
  assert.deepEqual(modeRuntime(specFromAnalysis(analysis)).cmd.slice(0, 5), [
    'python',
    '-m',
    'flask',
    '--app',
    'app.py',
  ]);
});

test('a server started without host="0.0.0.0" in a main that sets up is warned about at its line', () => {
  const main = mainFacts('if __name__ == "__main__":\n    model = load()\n    app.run(debug=True)\n');
  const r = chooseLaunch({
    detected: { mode: 'app', framework: 'flask', entry: 'main.py', entryWhy: 'builds a flask app' },
    launches: [],
    facts: { 'main.py': { main } },
    exists: () => true,
  });
  assert.deepEqual(r.entryArgs, []);
  assert.equal(r.warnings[0].file, 'main.py');
  assert.equal(r.warnings[0].line, 3);
  assert.match(r.warnings[0].message, /listens on 127\.0\.0\.1.*host="0\.0\.0\.0"/);
});

test('DVC project: the train stage command with its params, not the bare script that asks for --epochs', async () => {
  const a = await analyze('dvc-stage');
  assert.equal(a.entry, 'src/train.py');
  assert.deepEqual(a.entryArgs, ['--epochs', '2']);
  assert.match(a.entryWhy!, /^dvc\.yaml:7 \(stage train\) runs it: `python src\/train\.py --epochs 2`/);
  assert.match(a.entryWhy!, /the other stages \(prepare\) run with `dvc repro`/);
  assert.deepEqual(await cmdOf('dvc-stage'), ['python', 'src/train.py', '--epochs', '2']);
});

test('Makefile run target: its arguments, and the entry it runs over a better-named one', async () => {
  const a = await analyze('make-target');
  assert.equal(a.entry, 'fit.py');
  assert.deepEqual(a.entryArgs, ['--data', 'data/points.csv', '--verbose']);
  assert.equal(a.entryWhy, 'Makefile:10 (make run) runs it: `python3 fit.py --data data/points.csv --verbose`');
});

test('MLproject: main entry point with parameter defaults filled in', async () => {
  const a = await analyze('mlproject');
  assert.equal(a.entry, 'train.py');
  assert.deepEqual(a.entryArgs, ['0.5', '0.1']);
  assert.match(a.entryWhy!, /^MLproject:8 \(entry point main\) runs it/);
});

test('Snakefile: snakemake runs it, and snakemake is a requirement', async () => {
  const a = await analyze('snakefile');
  const spec = specFromAnalysis(a);
  assert.deepEqual(modeRuntime(spec).cmd, ['snakemake', '--snakefile', 'Snakefile', '--cores', '1']);
  assert.ok(spec.requirements.some((r) => r.name === 'snakemake'));
});

test('python -m pkg from the README: the package runs as a module (its relative imports work)', async () => {
  assert.deepEqual(await cmdOf('module-main'), ['python', '-m', 'scorer', '--fast']);
});

test('an entry that demands argv with only a placeholder documented: chosen, and said so with its line', async () => {
  const a = await analyze('argv-demand');
  assert.equal(a.entry, 'train.py');
  assert.equal(a.entryArgs, undefined);
  assert.deepEqual(a.needsArgs, { 'train.py': { line: 4, what: 'sys.argv[1]' } });
  assert.ok(
    a.warnings.some((w) => w.file === 'README.md' && w.line === 1 && /leaves DATASET to fill in/.test(w.message)),
  );
  const report = launchReport(specFromAnalysis(a), a, 'argv-demand');
  assert.deepEqual(report.info, ['Start: python train.py']);
  assert.equal(report.warnings[0].line, 4);
  assert.match(report.warnings[0].message, /needs command-line arguments \(sys\.argv\[1\]\).*up argv-demand -- ARGS/);
});

test('scaffold prints the start command and the argv warning with the file and line', async () => {
  const io = recordingIo(FIXTURES);
  assert.equal(await main(['scaffold', 'argv-demand', '--dry-run', '--offline', '--interpreter', 'none-such'], io), 0);
  assert.ok(io.stdout.includes('Start: python train.py'), io.stdout.join('\n'));
  assert.ok(
    io.stderr.some((l) => l.startsWith('argv-demand/train.py:4: warning: train.py needs command-line arguments')),
    io.stderr.join('\n'),
  );
});
