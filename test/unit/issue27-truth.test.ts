// Issue 27, defects 7 and 10: what the lint and the generated files say must be true of the project.
// DSC103 is silent when a lock constrains the build; DSC008 offers fixes that take the secret out of the
// image; the generated Dockerfile's comments follow the project's tag and its lock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requirementFindings } from '../../src/core/drift/requirements-lint';
import { constrainingLock } from '../../src/core/drift/lockConstraint';
import { generatedFromHeader } from '../../src/core/locks/fromLock';
import { dscFindings, dscFixes } from '../../src/core/dockerfile/rules';
import { applyEdits } from '../../src/core/edits';
import { generateDockerfile } from '../../src/core/generate/dockerfile';
import { specFromAnalysis } from '../../src/core/generate/spec';
import { analysis, req } from './analysis-samples';

const unpinned = (text: string, lockedBy?: string) =>
  requirementFindings(text, undefined, undefined, { lockedBy }).filter((f) => f.code === 'DSC103');

const THROUGH_LOCK =
  'FROM python:3.11-slim\nCOPY requirements.txt requirements.loc[k] ./\n' +
  'RUN touch requirements.lock && pip install --no-cache-dir -r requirements.txt -c requirements.lock\n';

test('DSC103: reported without a lock, silent when requirements.lock constrains the build or a project lock exists', () => {
  assert.equal(unpinned('numpy\npandas\n').length, 2);
  assert.equal(constrainingLock({ files: ['requirements.txt'] }), undefined);
  // The lock beside it, read by the Dockerfile's `-c requirements.lock`.
  const lock = constrainingLock({
    files: ['requirements.txt', 'requirements.lock', 'Dockerfile'],
    dockerfile: THROUGH_LOCK,
  });
  assert.equal(lock, 'requirements.lock');
  assert.deepEqual(unpinned('numpy\npandas\n', lock), []);
  // No Dockerfile yet: the one we generate installs through the lock.
  assert.equal(constrainingLock({ files: ['requirements.txt', 'requirements.lock'] }), 'requirements.lock');
  // A lock the Dockerfile does not read constrains nothing (DSC019 says so in the Dockerfile).
  const ignored = 'FROM python:3.11-slim\nCOPY requirements.txt ./\nRUN pip install -r requirements.txt\n';
  assert.equal(constrainingLock({ files: ['requirements.lock', 'Dockerfile'], dockerfile: ignored }), undefined);
  // The project's own lock.
  assert.equal(constrainingLock({ files: ['requirements.txt', 'uv.lock'] }), 'uv.lock');
  assert.equal(constrainingLock({ files: ['pylock.dev.toml'] }), 'pylock.dev.toml');
  // …but only when the image installs it (core/locks/precedence.ts): a hand-written requirements.txt beside
  // uv.lock is what pip installs, unpinned; one generated from the lock follows it.
  const files = ['requirements.txt', 'uv.lock'];
  assert.equal(constrainingLock({ files, requirements: 'numpy\npandas\n' }), undefined);
  assert.equal(
    constrainingLock({ files, requirements: `${generatedFromHeader('uv.lock')}\nnumpy==2.0.0\n` }),
    'uv.lock',
  );
  assert.equal(constrainingLock({ files: ['requirements.txt', 'conda-lock.yml'], requirements: 'numpy\n' }), undefined);
  // Other findings stay.
  assert.deepEqual(
    requirementFindings('numpy\nnumpy\n', undefined, undefined, { lockedBy: 'uv.lock' }).map((f) => f.code),
    ['DSC102'],
  );
});

const SECRET_BUILD =
  'FROM python:3.11-slim\nENV PIP_INDEX_TOKEN=abc123\nRUN pip install --index-url https://x:${PIP_INDEX_TOKEN}@pkgs.example/simple -r requirements.txt\nRUN --mount=type=cache,target=/root/.cache echo $PIP_INDEX_TOKEN\nCMD ["python", "main.py"]\n';

test('DSC008: the build-secret fix removes the ENV and mounts the secret in each RUN that uses it', () => {
  const f = dscFindings(SECRET_BUILD).find((x) => x.code === 'DSC008')!;
  assert.ok(f);
  const fixes = dscFixes(SECRET_BUILD, f, {});
  const titles = fixes.map((x) => x.title);
  assert.ok(
    titles.includes('Read PIP_INDEX_TOKEN from a build secret (RUN --mount=type=secret,id=PIP_INDEX_TOKEN)'),
    titles.join(' | '),
  );
  const out = applyEdits(SECRET_BUILD, fixes.find((x) => x.title.startsWith('Read '))!.edits);
  assert.doesNotMatch(out, /abc123/);
  assert.doesNotMatch(out, /^ENV /m);
  assert.match(
    out,
    /^RUN --mount=type=secret,id=PIP_INDEX_TOKEN export PIP_INDEX_TOKEN="\$\(cat \/run\/secrets\/PIP_INDEX_TOKEN\)" && pip install /m,
  );
  assert.match(
    out,
    /^RUN --mount=type=secret,id=PIP_INDEX_TOKEN --mount=type=cache,target=\/root\/\.cache export PIP_INDEX_TOKEN=.* && echo \$PIP_INDEX_TOKEN$/m,
  );
  // The result is a Dockerfile the lint accepts without a DSC008 (and parses: its findings list is computed).
  assert.deepEqual(
    dscFindings(out).filter((x) => x.code === 'DSC008'),
    [],
  );
});

test('DSC008: the run-time fix moves an ENV value to .env with a comment; a line setting two names gets none', () => {
  const text = 'FROM python:3.11-slim\nENV OPENAI_API_KEY=sk-live\nCMD ["python", "main.py"]\n';
  const f = dscFindings(text).find((x) => x.code === 'DSC008')!;
  const fixes = dscFixes(text, f, {});
  assert.deepEqual(
    fixes.map((x) => x.title).filter((t) => !t.startsWith('Ignore')),
    ['Move OPENAI_API_KEY to run time (.env, out of the image)'],
    'no RUN uses it: no build-secret fix',
  );
  const move = fixes[fixes.findIndex((x) => x.title.startsWith('Move'))];
  const out = applyEdits(text, move.edits);
  assert.equal(
    out,
    'FROM python:3.11-slim\n# OPENAI_API_KEY is set at run time from .env (docker run --env-file .env; compose: env_file), ' +
      'not stored in the image.\nCMD ["python", "main.py"]\n',
  );
  assert.deepEqual(move.append, {
    file: '.env',
    lines: ['# OPENAI_API_KEY, moved out of the Dockerfile (keep .env out of git)', 'OPENAI_API_KEY=sk-live'],
  });
  const two = 'FROM p:1\nENV API_KEY=abc OTHER=1\n';
  const g = dscFindings(two).find((x) => x.code === 'DSC008')!;
  assert.deepEqual(
    dscFixes(two, g, {}).filter((x) => !x.title.startsWith('Ignore')),
    [],
  );
});

test('generated Dockerfile: the lock comment says whether requirements.lock exists, the build hint names the tag', () => {
  const base = analysis({ mode: 'script', entry: 'main.py', requirements: [req('numpy', '2.1.0')] });
  const without = generateDockerfile(specFromAnalysis(base));
  assert.match(without, /none yet: nothing is constrained\./);
  const locked = specFromAnalysis({ ...base, existing: ['requirements.txt', 'requirements.lock'] });
  assert.equal(locked.locked, true);
  const text = generateDockerfile(locked);
  assert.doesNotMatch(text, /nothing is constrained/);
  assert.match(
    text,
    /# requirements\.lock \(from `ds-containers lock`\) pins every installed version; pip installs exactly those versions\./,
  );
  const renamed = generateDockerfile({ ...locked, tag: 'new-name' });
  assert.match(renamed, /^# Build: {2}docker build --build-arg UID=\$\(id -u\) -t new-name \.$/m);
  assert.doesNotMatch(renamed, /-t my-project/);
});
