// Issue 25's three cases end to end through the CLI (temp copies of the fixtures), and the placeholder names
// and test-only files they rest on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/main';
import { REQ_CODES, requirementFindings, requirementFixes } from '../../src/core/drift/requirements-lint';
import { applyEdits } from '../../src/core/edits';
import { stubReplacement } from '../../src/core/python/data/stubs';
import { rewriteRequirements } from '../../src/core/requirements/rewrite';
import { isDevPath } from '../../src/core/python/classify';
import { recordingIo } from './analysis-samples';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/projects');

function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dsc-oldpins-${name}-`));
  fs.cpSync(path.join(fixtures, name), dir, { recursive: true });
  fs.rmSync(path.join(dir, 'expected.json'), { force: true });
  return dir;
}

async function cli(dir: string, argv: string[], stdin?: Readable & { isTTY?: boolean }) {
  const io = recordingIo(os.tmpdir());
  if (stdin) io.stdin = stdin;
  // The bundled data only: the machine's interpreter must not decide what these tests see.
  const code = await main([...argv, dir, '--interpreter', '/nonexistent/python3'], io);
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n'), read };
}

const FLASK_PINS = 'Flask==1.0.2\nnumpy==1.16.3\npandas==0.24.2\nscikit-learn==0.20.3\n';

test('placeholder names: sklearn, skimage, pytorch, tensorflow-gpu from 2.12; bs4 and real names are not', () => {
  assert.equal(stubReplacement('sklearn'), 'scikit-learn');
  assert.equal(stubReplacement('SKLearn'), 'scikit-learn');
  assert.equal(stubReplacement('skimage'), 'scikit-image');
  assert.equal(stubReplacement('pytorch'), 'torch');
  assert.equal(stubReplacement('tensorflow-gpu'), 'tensorflow');
  assert.equal(stubReplacement('tensorflow_gpu', '2.12.0'), 'tensorflow');
  assert.equal(stubReplacement('tensorflow-gpu', '2.4.1'), undefined, 'older tensorflow-gpu releases install');
  for (const n of ['bs4', 'scikit-learn', 'torch', 'pillow']) assert.equal(stubReplacement(n), undefined, n);
});

test('requirements lint: DSC106 on the placeholder, whose quick fix writes the real name and keeps the rest', () => {
  const text = 'fastapi\nsklearn[alldeps]  # the model\nuvicorn\n';
  const found = requirementFindings(text).filter((f) => f.code === REQ_CODES.stub);
  assert.equal(found.length, 1);
  assert.deepEqual([found[0].line, found[0].col, found[0].endCol, found[0].severity], [1, 0, 7, 'error']);
  assert.match(found[0].message, /sklearn is a placeholder .* the package is scikit-learn/);
  const fixes = requirementFixes(text, found[0]);
  assert.deepEqual(
    fixes.map((f) => f.title),
    ['Replace sklearn with scikit-learn'],
  );
  const fixed = applyEdits(text, fixes[0].edits);
  assert.equal(fixed, 'fastapi\nscikit-learn[alldeps]  # the model\nuvicorn\n');
  assert.deepEqual(
    requirementFindings(fixed).filter((f) => f.severity === 'error'),
    [],
  );
});

test('rewriteRequirements renames and re-pins only the lines named, comments and markers kept', () => {
  const text = '# pins of 2019\nnumpy==1.16.3 ; python_version < "4"  # math\r\nsklearn\nflask==1.0.2\n';
  assert.equal(
    rewriteRequirements(text, { repin: { NumPy: '1.23.2' }, rename: { sklearn: 'scikit-learn' } }),
    '# pins of 2019\nnumpy==1.23.2 ; python_version < "4"  # math\r\nscikit-learn\nflask==1.0.2\n',
  );
});

test('tests.py (root or app folder), test_*.py, *_test.py, tests/ and conftest.py are dev files', () => {
  for (const f of ['tests.py', 'shop/tests.py', 'test_app.py', 'app_test.py', 'tests/x.py', 'conftest.py'])
    assert.ok(isDevPath(f), f);
  for (const f of ['app.py', 'testing_utils.py', 'contest.py', 'latest.py']) assert.ok(!isDevPath(f), f);
});

test('Flask model server of 2019: one line per pin, both choices, nothing changed without consent', async () => {
  const dir = copyFixture('old-pins-flask');
  const r = await cli(dir, ['scaffold', '--python-version', '3.11']);
  assert.equal(r.code, 0, r.err);
  assert.match(
    r.err,
    /requirements\.txt:2: warning: numpy==1\.16\.3 has no wheel for Python 3\.11 \(wheels for 3\.6–3\.7; building it from source fails on slim images\)/,
  );
  assert.match(r.err, /requirements\.txt:3: warning: pandas==0\.24\.2 has no wheel/);
  assert.match(r.err, /scikit-learn==0\.20\.3 has no wheel/);
  assert.doesNotMatch(r.err, /Flask==1\.0\.2 has no wheel/);
  // --python-version fixes the Python, so only the nearest pins are offered here.
  assert.match(r.out, /--python-fix base: not offered \(--python-version asks for Python 3\.11\)/);
  assert.match(r.out, /--python-fix upgrade: keep Python 3\.11 and pin numpy 1\.16\.3 → 1\.23\.2/);
  assert.match(r.out, /rerun with --python-fix upgrade to apply one/);
  assert.equal(r.read('requirements.txt'), FLASK_PINS, 'the pins are the user’s');
  assert.match(r.read('Dockerfile'), /^FROM python:3\.11-slim$/m);
  fs.rmSync(dir, { recursive: true });
});

test('Flask model server: --python-fix base writes FROM python:3.7-slim, and the check is then clean', async () => {
  const dir = copyFixture('old-pins-flask');
  const r = await cli(dir, ['scaffold', '--python-fix', 'base']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /--python-fix base: use python:3\.7-slim, a Python every pin has wheels for/);
  assert.match(r.out, /Python 3\.7: base image python:3\.7-slim \(--python-fix base\)/);
  assert.match(r.read('Dockerfile'), /^FROM python:3\.7-slim$/m);
  assert.equal(r.read('requirements.txt'), FLASK_PINS);
  // Scaffolding again (the files exist now) finds nothing to say about wheels.
  const again = await cli(dir, ['scaffold', '--dry-run', '--python-version', '3.7']);
  assert.doesNotMatch(again.err, /has no wheel/);
  fs.rmSync(dir, { recursive: true });
});

test('Flask model server: --python-fix upgrade re-pins requirements.txt and keeps 3.11', async () => {
  const dir = copyFixture('old-pins-flask');
  const r = await cli(dir, ['scaffold', '--python-version', '3.11', '--python-fix', 'upgrade']);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.read('requirements.txt'),
    'Flask==1.0.2\nnumpy==1.23.2\npandas==1.5.1\nscikit-learn==1.1.3\n',
    'only the three pins change',
  );
  assert.match(r.out, /requirements\.txt: numpy==1\.16\.3 → numpy==1\.23\.2 \(--python-fix upgrade\)/);
  assert.match(r.read('Dockerfile'), /^FROM python:3\.11-slim$/m);
  const again = await cli(dir, ['scaffold', '--dry-run', '--python-version', '3.11']);
  assert.doesNotMatch(again.err, /has no wheel/);
  fs.rmSync(dir, { recursive: true });
});

test('Flask model server on a terminal: the question is asked and the answer applied', async () => {
  const dir = copyFixture('old-pins-flask');
  const tty = Object.assign(Readable.from(['base\n']), { isTTY: true });
  const r = await cli(dir, ['scaffold'], tty);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Apply which \(base\/upgrade\), or Enter for neither\?/);
  assert.match(r.read('Dockerfile'), /^FROM python:3\.7-slim$/m);
  fs.rmSync(dir, { recursive: true });
});

test('up stops before writing or building while a pin has no wheel; a choice not on offer is an error', async () => {
  const dir = copyFixture('old-pins-flask');
  const r = await cli(dir, ['up', '--python-version', '3.11']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.err, /Nothing written, nothing built/);
  assert.ok(!fs.existsSync(path.join(dir, 'Dockerfile')));
  const bad = await cli(dir, ['scaffold', '--python-version', '3.11', '--python-fix', 'base']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--python-fix base: not possible here \(--python-version asks for Python 3\.11\)/);
  assert.ok(!fs.existsSync(path.join(dir, 'Dockerfile')));
  fs.rmSync(dir, { recursive: true });
});

test('runtime.txt names the Python: no other base is proposed', async () => {
  const dir = copyFixture('old-pins-flask');
  fs.writeFileSync(path.join(dir, 'runtime.txt'), 'python-3.11.4\n');
  const r = await cli(dir, ['scaffold', '--dry-run']);
  assert.match(r.out, /--python-fix base: not offered \(runtime\.txt asks for Python 3\.11\)/);
  fs.rmSync(dir, { recursive: true });
});

test('FastAPI project listing sklearn: the line is named, never written twice, and --rename-stubs fixes it', async () => {
  const dir = copyFixture('fastapi-sklearn-stub');
  const r = await cli(dir, ['scaffold', '--dry-run']);
  assert.match(
    r.err,
    /requirements\.txt:2: warning: sklearn is a placeholder on the index that refuses to install; the package is scikit-learn/,
  );
  assert.match(r.out, /rerun with --rename-stubs to replace sklearn → scikit-learn in requirements\.txt/);
  assert.doesNotMatch(r.err, /version unknown.*sklearn|sklearn: version unknown/);
  const fixed = await cli(dir, ['scaffold', '--rename-stubs']);
  assert.equal(fixed.code, 0, fixed.err);
  assert.equal(fixed.read('requirements.txt'), 'fastapi\nscikit-learn\nuvicorn\n', 'renamed in place, nothing added');
  assert.match(fixed.out, /requirements\.txt: sklearn → scikit-learn \(--rename-stubs\)/);
  assert.deepEqual(
    requirementFindings(fixed.read('requirements.txt')).filter((f) => f.severity === 'error'),
    [],
  );
  fs.rmSync(dir, { recursive: true });
});

test('a new project importing sklearn gets scikit-learn, never the placeholder', async () => {
  const dir = copyFixture('fastapi-sklearn-stub');
  fs.rmSync(path.join(dir, 'requirements.txt'));
  const r = await cli(dir, ['scaffold']);
  assert.equal(r.code, 0, r.err);
  const names = r
    .read('requirements.txt')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  assert.ok(names.includes('scikit-learn'), names.join(','));
  assert.ok(!names.some((n) => /^sklearn\b/.test(n)), names.join(','));
  fs.rmSync(dir, { recursive: true });
});

test('pytest imported from tests.py is a dev requirement: never an install line', async () => {
  const dir = copyFixture('tests-py-pytest');
  const r = await cli(dir, ['scaffold']);
  assert.equal(r.code, 0, r.err);
  const req = r.read('requirements.txt');
  assert.match(req, /^pandas/m);
  assert.doesNotMatch(req, /pytest/);
  fs.rmSync(dir, { recursive: true });
});
