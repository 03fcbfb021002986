// The wheel-coverage table, the check over pins, and the two choices it offers (issue 25).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PYTHON_MINORS, WHEEL_COVERAGE } from '../../src/core/python/data/wheels';
import { checkWheels, hasWheel, wheelCheckLines } from '../../src/core/python/wheelCheck';
import { compareVersions, parseVersion } from '../../src/core/python/pep440';

const FLASK_2019 = [
  { name: 'Flask', version: '1.0.2' },
  { name: 'numpy', version: '1.16.3' },
  { name: 'pandas', version: '0.24.2' },
  { name: 'scikit-learn', version: '0.20.3' },
];

test('the table: versions parse, first ≤ last, and support moves forward with Python', () => {
  assert.ok(Object.keys(WHEEL_COVERAGE).length >= 13);
  for (const [name, cov] of Object.entries(WHEEL_COVERAGE)) {
    let prev: { first: string; last?: string } | undefined;
    for (const m of PYTHON_MINORS) {
      const r = cov[m];
      if (!r) continue;
      assert.ok(parseVersion(r.first), `${name} ${m} first ${r.first}`);
      if (r.last) assert.ok(compareVersions(r.first, r.last) <= 0, `${name} ${m}: first after last`);
      // A newer Python is never supported before an older one, nor dropped before it.
      if (prev) {
        assert.ok(compareVersions(prev.first, r.first) <= 0, `${name} ${m}: supported before the older minor`);
        if (r.last) assert.ok(prev.last && compareVersions(prev.last, r.last) <= 0, `${name} ${m}: dropped earlier`);
      }
      prev = r;
    }
  }
});

test('hasWheel: known facts, aliases and names in any spelling; unknown is undefined', () => {
  assert.equal(hasWheel('numpy', '1.16.3', '3.7'), true);
  assert.equal(hasWheel('numpy', '1.16.3', '3.8'), false);
  assert.equal(hasWheel('numpy', '1.19.5', '3.9'), true);
  assert.equal(hasWheel('NumPy', '1.23.2', '3.11'), true);
  assert.equal(hasWheel('scikit_learn', '0.20.3', '3.11'), false);
  assert.equal(hasWheel('opencv-python-headless', '4.8.1.78', '3.12'), true);
  assert.equal(hasWheel('flask', '1.0.2', '3.11'), undefined, 'pure packages are not in the table');
  assert.equal(hasWheel('tensorflow', '2.15.0', '3.13'), undefined, 'a minor the table does not know');
});

test('the Flask model server of 2019 on 3.11: one line per package, python:3.7-slim or the nearest pins', () => {
  const c = checkWheels(FLASK_2019, '3.11');
  assert.deepEqual(
    c.findings.map((f) => f.message),
    [
      'numpy==1.16.3 has no wheel for Python 3.11 (wheels for 3.6–3.7; building it from source fails on slim images)',
      'pandas==0.24.2 has no wheel for Python 3.11 (wheels for 3.6–3.7; building it from source fails on slim images)',
      'scikit-learn==0.20.3 has no wheel for Python 3.11 ' +
        '(wheels for 3.6–3.7; building it from source fails on slim images)',
    ],
  );
  assert.deepEqual(c.base, { python: '3.7', image: 'python:3.7-slim' });
  assert.deepEqual(c.upgrades, [
    { name: 'numpy', from: '1.16.3', to: '1.23.2' },
    { name: 'pandas', from: '0.24.2', to: '1.5.1' },
    { name: 'scikit-learn', from: '0.20.3', to: '1.1.3' },
  ]);
  const lines = wheelCheckLines(c);
  assert.equal(lines.choices[0], 'base: use python:3.7-slim, a Python every pin has wheels for');
  assert.match(
    lines.choices[1],
    /^upgrade: keep Python 3\.11 and pin numpy 1\.16\.3 → 1\.23\.2, pandas 0\.24\.2 → 1\.5\.1 \(a new major/,
  );
  // After either choice the check is clean.
  assert.deepEqual(checkWheels(FLASK_2019, '3.7').findings, []);
  const upgraded = FLASK_2019.map((p) => ({
    ...p,
    version: c.upgrades.find((u) => u.name === p.name)?.to ?? p.version,
  }));
  assert.deepEqual(checkWheels(upgraded, '3.11').findings, []);
});

test('the base proposed is the newest Python every pin supports', () => {
  const c = checkWheels([{ name: 'numpy', version: '1.19.5' }], '3.11');
  assert.deepEqual(c.base, { python: '3.9', image: 'python:3.9-slim' });
});

test('requires-python is honoured; a Python named by runtime.txt is never replaced', () => {
  const narrow = checkWheels(FLASK_2019, '3.11', { requiresPython: '>=3.8' });
  assert.equal(narrow.base, undefined);
  assert.equal(narrow.baseWhyNot, 'the pins need Python 3.6–3.7, but requires-python is ">=3.8"');
  assert.equal(narrow.upgrades.length, 3, 'the other choice is still offered');
  const within = checkWheels([{ name: 'numpy', version: '1.19.5' }], '3.11', { requiresPython: '>=3.6,<3.9' });
  assert.deepEqual(within.base, { python: '3.8', image: 'python:3.8-slim' });
  const fixed = checkWheels(FLASK_2019, '3.11', { pythonFixedBy: 'runtime.txt' });
  assert.equal(fixed.base, undefined);
  assert.equal(fixed.baseWhyNot, 'runtime.txt asks for Python 3.11');
});

test('a pin too new for an old Python gets the last version that still has its wheel', () => {
  const c = checkWheels([{ name: 'numpy', version: '2.1.0' }], '3.9');
  assert.equal(c.findings.length, 1);
  assert.equal(c.upgrades[0].to, '2.0.2');
  assert.deepEqual(c.base, { python: '3.13', image: 'python:3.13-slim' });
});

test('pins that no Python in the table serves together: no base, only the nearest pins', () => {
  const c = checkWheels(
    [
      { name: 'numpy', version: '1.16.3' },
      { name: 'torch', version: '2.5.0' },
    ],
    '3.11',
  );
  assert.equal(c.base, undefined);
  assert.equal(c.baseWhyNot, 'no Python version has wheels for all of these pins');
  assert.deepEqual(c.upgrades, [{ name: 'numpy', from: '1.16.3', to: '1.23.2' }]);
});

test('nothing is said about pins with wheels, unknown packages, ranges and Pythons outside the table', () => {
  assert.deepEqual(checkWheels([{ name: 'numpy', version: '1.26.4' }], '3.11').findings, []);
  assert.deepEqual(checkWheels([{ name: 'flask', version: '0.1' }], '3.13').findings, []);
  assert.deepEqual(checkWheels([{ name: 'numpy', version: '1.16.3' }], '3.14').findings, []);
  assert.deepEqual(checkWheels([], '3.11').findings, []);
});
