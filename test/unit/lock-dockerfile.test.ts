// Issue 9, the editor's part over core: the Dockerfile edit that installs through requirements.lock
// (DSC019's quick fix, `lock --fix`), DSC003 pointing at the digest the lock recorded, and the lock
// state the Project view shows (none / locked / drifted, with the reasons).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dscFindings, dscFixes } from '../../src/core/dockerfile/rules';
import { applyEdits } from '../../src/core/edits';
import { installThroughLockFix, installsThroughLock, lockLintFacts } from '../../src/core/environment/dockerfileLock';
import { renderLock } from '../../src/core/environment/lockfile';
import { lockState } from '../../src/core/environment/lockState';
import { lockNode } from '../../src/core/projectTree';
import { generateDockerfile } from '../../src/core/generate/dockerfile';
import { specFromAnalysis } from '../../src/core/generate';
import { analysis, req } from './analysis-samples';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const USER = [
  'FROM python:3.11-slim',
  'WORKDIR /app',
  'COPY requirements.txt .',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY . .',
  'CMD ["python", "main.py"]',
  '',
].join('\n');

test('the install-through-the-lock edit: -c after -r requirements.txt, the lock copied beside it', () => {
  const fix = installThroughLockFix(USER);
  assert.ok(fix);
  const after = applyEdits(USER, fix.edits);
  assert.equal(
    after,
    USER.replace('COPY requirements.txt .', 'COPY requirements.txt requirements.lock ./').replace(
      '-r requirements.txt',
      '-r requirements.txt -c requirements.lock',
    ),
  );
  assert.ok(installsThroughLock(after));
  assert.equal(installThroughLockFix(after), undefined, 'applied once, not again');
  // A subfolder and a file destination keep their meaning.
  const sub =
    'FROM python:3.11-slim\nCOPY deps/requirements.txt /tmp/requirements.txt\nRUN pip install -r /tmp/requirements.txt\n';
  assert.equal(
    applyEdits(sub, installThroughLockFix(sub)!.edits),
    'FROM python:3.11-slim\nCOPY deps/requirements.txt deps/requirements.lock /tmp/\nRUN pip install -r /tmp/requirements.txt -c /tmp/requirements.lock\n',
  );
  // No requirements.txt install: nothing to offer.
  assert.equal(installThroughLockFix('FROM python:3.11-slim\nRUN pip install numpy==1.26.4\n'), undefined);
});

test('DSC019: a lock beside a Dockerfile that ignores it is a warning on the install, fixed by the edit; never without a lock', () => {
  const facts = { lock: {} };
  const [hit, ...more] = dscFindings(USER, { facts }).filter((f) => f.code === 'DSC019');
  assert.equal(more.length, 0);
  assert.equal(hit.line, 3);
  assert.equal(hit.severity, 'warning');
  assert.match(hit.message, /installed without requirements\.lock/);
  const [fix] = dscFixes(USER, hit, { facts });
  assert.ok(installsThroughLock(applyEdits(USER, fix.edits)));
  assert.deepEqual(
    dscFindings(USER).filter((f) => f.code === 'DSC019'),
    [],
    'no lock: nothing to say',
  );
  // The generated Dockerfile installs through the lock already.
  const spec = specFromAnalysis(analysis({ requirements: [req('numpy', '1.26.4')] }));
  assert.deepEqual(
    dscFindings(generateDockerfile(spec), { facts }).filter((f) => f.code === 'DSC019'),
    [],
  );
});

test('DSC003: with a lock that recorded the base digest, a tagged FROM names FROM name:tag@sha256:… and the fix keeps the tag', () => {
  const lockText = renderLock(
    { imageId: `sha256:${'a'.repeat(64)}`, created: 1, base: 'python:3.11-slim', baseDigest: DIGEST, python: '3.11.2' },
    [],
  );
  const facts = { lock: lockLintFacts(lockText) };
  assert.deepEqual(facts.lock, { base: 'python:3.11-slim', baseDigest: DIGEST });
  const hits = dscFindings(USER, { facts }).filter((f) => f.code === 'DSC003');
  assert.equal(hits.length, 1);
  assert.equal(
    hits[0].message,
    `Base image python:3.11-slim is not pinned by digest: requirements.lock records it, pin it as \`FROM python:3.11-slim@${DIGEST}\` (the tag kept for readers).`,
  );
  const [fix] = dscFixes(USER, hits[0], { facts });
  assert.match(fix.title, /Pin the base image to python:3\.11-slim@sha256:d{12}/);
  const pinned = applyEdits(USER, fix.edits);
  assert.equal(pinned.split('\n')[0], `FROM python:3.11-slim@${DIGEST}`);
  assert.deepEqual(
    dscFindings(pinned, { facts }).filter((f) => f.code === 'DSC003'),
    [],
    'pinned: quiet',
  );
  // Without the lock (or without a digest in it) a tagged FROM is fine, as before.
  assert.deepEqual(
    dscFindings(USER).filter((f) => f.code === 'DSC003'),
    [],
  );
  assert.deepEqual(
    dscFindings(USER, { facts: { lock: { base: 'python:3.11-slim' } } }).filter((f) => f.code === 'DSC003'),
    [],
  );
  // Another base than the lock's: not this lock's business.
  assert.deepEqual(
    dscFindings(USER.replace('python:3.11-slim', 'python:3.12-slim'), { facts }).filter((f) => f.code === 'DSC003'),
    [],
  );
  // An untagged FROM of the locked base: the digest fix comes first, then the tag suggestions.
  const untagged = dscFindings('FROM python\n', { facts: { lock: { base: 'python', baseDigest: DIGEST } } }).filter(
    (f) => f.code === 'DSC003',
  );
  const fixes = dscFixes('FROM python\n', untagged[0], { facts: { lock: { base: 'python', baseDigest: DIGEST } } });
  assert.equal(applyEdits('FROM python\n', fixes[0].edits), `FROM python@${DIGEST}\n`);
});

test('lock state: none, locked (same image), drifted with one reason per package, and requirements.txt against the lock', () => {
  const id = `sha256:${'a'.repeat(64)}`;
  const lockText = renderLock({ imageId: id, created: 1000, python: '3.11.2' }, [
    { name: 'numpy', version: '1.24.2' },
    { name: 'pandas', version: '1.5.3' },
  ]);
  const none = lockState({ requirementsText: 'numpy\n' });
  assert.equal(none.kind, 'none');
  assert.match(none.tooltip, /Lock Environment writes/);
  const image = { ref: 'p:latest', imageId: id, created: 1000 };
  const locked = lockState({ lockText, requirementsText: 'numpy==1.24.2\npandas\n', image });
  assert.equal(locked.kind, 'locked', locked.tooltip);
  assert.match(locked.tooltip, /^Locked: requirements\.lock was written from p:latest/);
  const rebuilt = {
    ref: 'p:latest',
    imageId: `sha256:${'b'.repeat(64)}`,
    created: 2000,
    python: '3.11.2',
    dists: [
      { name: 'numpy', version: '1.24.2' },
      { name: 'pandas', version: '1.5.3' },
    ],
  };
  assert.equal(lockState({ lockText, image: rebuilt }).kind, 'locked', 'another image id, the same versions');
  const drifted = lockState({
    lockText,
    requirementsText: 'numpy==1.26.4\nscipy\n',
    image: {
      ...rebuilt,
      dists: [
        { name: 'numpy', version: '1.24.3' },
        { name: 'pandas', version: '1.5.3' },
      ],
    },
  });
  assert.equal(drifted.kind, 'drifted');
  assert.deepEqual(drifted.reasons, [
    'requirements.lock:5: numpy is 1.24.3 in the image, the lock says 1.24.2',
    'requirements.txt:1: numpy==1.26.4 is pinned here, requirements.lock says 1.24.2',
    'requirements.txt:2: scipy is required but not in requirements.lock',
  ]);
  assert.match(drifted.tooltip, /^Drifted: .*\n.*numpy is 1\.24\.3 in the image/);
  assert.match(drifted.tooltip, /Lock Environment rewrites requirements\.lock/);
  const node = lockNode(drifted);
  assert.deepEqual(
    [node.description, node.contextValue, node.icon, node.open?.file],
    ['drifted · 3', 'lock:drifted', 'warning', 'requirements.lock'],
  );
  assert.equal(lockNode(none).contextValue, 'lock:none');
  // No image (not built, Docker away): a broken line still drifts, and the tooltip says what was not compared.
  const broken = lockState({ lockText: lockText + 'numpy=1\n' });
  assert.equal(broken.kind, 'drifted');
  assert.match(broken.tooltip, /requirements\.lock:7: cannot read "numpy=1"/);
  assert.match(broken.tooltip, /the image is not built/);
});
