// Issue 26, defect 8: what requirements.txt installs directly (a local folder, `-e ./libs/mylib`, a local wheel, a
// `git+` URL, `name @ url`). Before, the scan called such a folder "a project of its own", the imports it provides
// "not a known distribution", a `name @ url` line "version unknown"; an editable install from the build stage
// pointed at /build, which the image lacks; and a git+ line on a base without apt-get, or with the project's own
// Dockerfile, got no word about git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { analyzeProject } from '../../src/node/analyze';
import { specFromAnalysis } from '../../src/core/generate/spec';
import { generateDockerfile } from '../../src/core/generate/dockerfile';
import { generateDockerignore } from '../../src/core/generate/dockerignore';
import { directInstallsOf, importsOfFolder, nameOfUrl } from '../../src/core/requirements/directInstalls';
import { dockerfileHasGit, gitNote } from '../../src/core/generate/gitNeeds';

const ISSUE26 = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'issue26');

test('scan: local folders, a local wheel and URL lines are declared installs, with no false warning', async () => {
  const analysis = await analyzeProject(path.join(ISSUE26, 'direct-installs'), { python: false, offline: true });
  const said = analysis.warnings.map((w) => `${w.file}: ${w.message}`).join('\n');
  for (const wrong of ['a project of its own', 'not a known distribution', 'version unknown', "project's own module"])
    assert.ok(!said.includes(wrong), said);
  const names = analysis.requirements.map((r) => r.name).sort();
  // thing is declared by `thing @ url`; the rest come from their lines, never as guessed install lines.
  assert.deepEqual(names, ['thing'], said);
  assert.ok(!analysis.unresolved.length, JSON.stringify(analysis.unresolved));
});

test('direct installs: paths from the root, names from #egg=, the repository or the file; -e . left out', async () => {
  const files: Record<string, string> = {
    'requirements.txt': '-r reqs/more.txt\n-e ./libs/a\n./b[x]\n-e .\n../out\nx @ https://h/x.whl\n',
    'reqs/more.txt':
      'git+https://h/org/tool.git@v1#egg=the-tool\nhg+https://h/gadget\n./w/greet-0.1-py3-none-any.whl\n',
  };
  const got = await directInstallsOf('requirements.txt', async (f) => files[f]);
  assert.deepEqual(got, [
    { file: 'reqs/more.txt', line: 1, name: 'the-tool' },
    { file: 'reqs/more.txt', line: 2, name: 'gadget' },
    { file: 'reqs/more.txt', line: 3, path: 'w/greet-0.1-py3-none-any.whl', name: 'greet' },
    { file: 'requirements.txt', line: 2, path: 'libs/a' },
    { file: 'requirements.txt', line: 3, path: 'b' },
  ]);
  assert.equal(nameOfUrl('git+ssh://git@github.com/org/my_tool.git'), 'my_tool');
  assert.deepEqual(
    importsOfFolder('libs/a', ['libs/a/setup.py', 'libs/a/src/pkg/__init__.py', 'libs/a/tests/t.py', 'libs/a/one.py']),
    ['one', 'pkg'],
  );
});

test('build stage: pip runs in the WORKDIR the image has, so an editable local install still points at its folder', async () => {
  const analysis = await analyzeProject(path.join(ISSUE26, 'editable-local'), { python: false, offline: true });
  const spec = specFromAnalysis(analysis, { baseImage: 'python:3.11-slim' });
  // psycopg2 compiles: its build tools go in a build stage, where pip installs everything.
  const text = generateDockerfile({ ...spec, requirements: [...spec.requirements, { name: 'psycopg2' }] });
  const lines = text.split('\n');
  const stage = lines.indexOf('FROM python:3.11-slim AS build');
  const image = lines.indexOf('FROM python:3.11-slim');
  const pip = lines.findIndex((l) => /pip install .*--prefix=\/install -r requirements\.txt/.test(l));
  const copy = lines.indexOf('COPY ["libs/mylib", "libs/mylib"]');
  const workdir = lines.findIndex((l, i) => i > stage && l.startsWith('WORKDIR '));
  assert.ok(stage >= 0 && stage < workdir && workdir < copy && copy < pip && pip < image, text);
  assert.equal(lines[workdir], 'WORKDIR /app', text);
});

test('one stage: the local folder is copied to its own path under /app before pip, and again with the code', async () => {
  const analysis = await analyzeProject(path.join(ISSUE26, 'editable-local'), { python: false, offline: true });
  assert.deepEqual(analysis.pipInputs, { files: ['libs/mylib'], vcs: false });
  const lines = generateDockerfile(specFromAnalysis(analysis, { baseImage: 'python:3.11-slim' })).split('\n');
  const at = (l: string) => lines.indexOf(l);
  assert.ok(at('WORKDIR /app') < at('COPY ["libs/mylib", "libs/mylib"]'), lines.join('\n'));
  const pip = lines.findIndex((l) => /pip install .*-r requirements\.txt/.test(l));
  assert.ok(at('COPY ["libs/mylib", "libs/mylib"]') < pip && pip < at('COPY --chown=${UID} . .'), lines.join('\n'));
});

test('git+ lines: git with apt in the stage that runs pip (build stage or image), none on a base without apt', () => {
  const base = {
    mode: 'script' as const,
    entry: 'main.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [{ name: 'pandas', version: '2.2.2' }],
    pipInputs: { files: [], vcs: true },
  };
  const one = generateDockerfile({ ...base, baseImage: 'python:3.11-slim' }).split('\n');
  const apt = one.findIndex((l) => /apt-get install -y --no-install-recommends .*\bgit\b/.test(l));
  assert.ok(apt > 0 && apt < one.findIndex((l) => /pip install/.test(l)), one.join('\n'));
  assert.match(one[apt + 1], /rm -rf \/var\/lib\/apt\/lists\/\*$/);
  const split = generateDockerfile({
    ...base,
    baseImage: 'python:3.11-slim',
    requirements: [...base.requirements, { name: 'psycopg2', version: '2.9.9' }],
  }).split('\n');
  const image = split.indexOf('FROM python:3.11-slim');
  const gitAt = split.findIndex((l) => /apt-get install .*\bgit\b/.test(l));
  assert.ok(gitAt > 0 && gitAt < image, split.join('\n'));
  assert.ok(!split.slice(image).some((l) => /apt-get install .*\bgit\b/.test(l)), split.join('\n'));
  const alpine = generateDockerfile({ ...base, baseImage: 'python:3.11-alpine' });
  assert.ok(!/\bgit\b/.test(alpine), alpine);
});

test('git+ lines: a note when the base has no apt-get, or the project keeps a Dockerfile that installs no git', () => {
  assert.equal(gitNote({ vcs: false, baseImage: 'python:3.11-alpine' }), undefined);
  assert.equal(gitNote({ vcs: true, baseImage: 'python:3.11-slim' }), undefined);
  assert.match(gitNote({ vcs: true, baseImage: 'python:3.11-alpine' }) ?? '', /no apt-get .*install git/);
  const theirs = 'FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\n';
  assert.match(gitNote({ vcs: true, baseImage: 'python:3.11-slim', dockerfile: theirs }) ?? '', /installs no git/);
  assert.ok(dockerfileHasGit('FROM python:3.11-slim\nRUN apt-get update && apt-get install -y git\n'));
  assert.ok(dockerfileHasGit('FROM python:3.11\nRUN pip install -r requirements.txt\n'));
  const ours = generateDockerfile({
    mode: 'script',
    entry: 'main.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [],
    pipInputs: { files: [], vcs: true },
  });
  assert.equal(gitNote({ vcs: true, baseImage: 'python:3.11-slim', dockerfile: ours }), undefined);
});

test('.dockerignore: a folder pip reads (-f ./wheels) stays in the build context though it is big enough to leave out', () => {
  const text = generateDockerignore({
    mode: 'script',
    entry: 'main.py',
    pythonVersion: '3.11',
    gpu: false,
    hasEnvFile: false,
    requirements: [],
    pipInputs: { files: ['vendor/big-1.0-py3-none-any.whl', 'wheels'], vcs: false },
    dataOut: {
      thresholdMB: 50,
      folders: [
        { path: 'wheels', bytes: 9e8 },
        { path: 'vendor', bytes: 8e7 },
      ],
      files: [],
      keep: [],
    },
  });
  const lines = text.split('\n');
  // Docker reads the lines in order: the last one matching a path decides.
  assert.ok(lines.indexOf('!wheels') > lines.indexOf('wheels'), text);
  assert.ok(lines.indexOf('!vendor/big-1.0-py3-none-any.whl') > lines.indexOf('vendor'), text);
});
