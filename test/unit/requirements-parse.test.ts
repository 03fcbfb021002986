import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRequirements, normalizeName } from '../../src/core/requirements/parse';

const sample =
  [
    '# top comment',
    '--index-url https://pypi.example/simple',
    '-r base.txt',
    '-c constraints.txt',
    '-e .',
    '-e git+https://example.com/x.git#egg=Foo_Bar',
    'numpy==1.26.4  # pinned for the paper',
    'pandas[excel,performance]>=2.0; python_version >= "3.9"',
    'Scikit_Learn',
    'torch @ https://example.com/torch.whl',
    'requests==2.31.0 \\',
    '    --hash=sha256:abc',
    './vendor/mypkg',
    '',
    'matplotlib>=',
  ].join('\n') + '\n';

test('parseRequirements keeps every line and classifies it', () => {
  const { lines, errors } = parseRequirements(sample);
  assert.deepEqual(
    lines.map((l) => l.kind),
    [
      'comment',
      'option',
      'include',
      'constraint',
      'editable',
      'editable',
      'requirement',
      'requirement',
      'requirement',
      'requirement',
      'requirement',
      'reference',
      'blank',
      'invalid',
    ],
  );
  assert.equal(lines.map((l) => l.raw).join('\n') + '\n', sample, 'raw text round-trips byte for byte');
  assert.equal(lines[1].option, '--index-url');
  assert.equal(lines[1].value, 'https://pypi.example/simple');
  assert.equal(lines[2].path, 'base.txt');
  assert.equal(lines[3].path, 'constraints.txt');
  assert.equal(lines[4].path, '.');
  assert.equal(lines[5].key, 'foo-bar');
  assert.equal(lines[6].pinned, '1.26.4');
  assert.equal(lines[6].comment, '# pinned for the paper');
  assert.deepEqual([lines[6].nameStart, lines[6].nameEnd], [0, 5]);
  assert.deepEqual(lines[7].extras, ['excel', 'performance']);
  assert.equal(lines[7].marker, 'python_version >= "3.9"');
  assert.equal(lines[7].pinned, undefined);
  assert.equal(lines[8].key, 'scikit-learn');
  assert.equal(lines[9].url, 'https://example.com/torch.whl');
  assert.equal(lines[10].lineCount, 2);
  assert.equal(lines[10].pinned, '2.31.0');
  assert.deepEqual(lines[10].requirementOptions, ['--hash=sha256:abc']);
  assert.equal(lines[11].path, './vendor/mypkg');
  assert.equal(errors.length, 1);
  assert.equal(errors[0].line, 14);
  assert.match(errors[0].message, /invalid requirement/);
});

test('syntax errors carry the line and column and do not hide later lines', () => {
  const { lines, errors } = parseRequirements('numpy\nfoo===\n  bar!!\nscipy\n');
  assert.deepEqual(
    errors.map((e) => e.line),
    [1, 2],
  );
  assert.ok(errors[0].col >= 3 && errors[0].col <= 6, `column ${errors[0].col} points into the specifier`);
  assert.equal(lines[3].name, 'scipy');
});

test('CRLF, BOM and a missing final newline are accepted', () => {
  const { lines } = parseRequirements('\uFEFFnumpy==1.0\r\nscipy');
  assert.deepEqual(
    lines.map((l) => l.name),
    ['numpy', 'scipy'],
  );
});

test('normalizeName follows PEP 503', () => {
  assert.equal(normalizeName('Scikit_Learn'), 'scikit-learn');
  assert.equal(normalizeName('zope.interface'), 'zope-interface');
  assert.equal(normalizeName('A__b--C'), 'a-b-c');
});

test('the fast path for simple lines agrees with pip-requirements-js', async () => {
  const { simpleRequirement } = await import('../../src/core/requirements/parse');
  const { parsePipRequirementsLine } = await import('pip-requirements-js');
  const lines = [
    'numpy',
    'numpy==1.2',
    'Scikit_Learn>=1.0, <2',
    'pandas[excel, perf]>=2.0',
    'a.b-c_d ~= 1.4.5',
    'x==1.*',
    'x!=2,>=1',
    'a[b]',
    'numpy ==1.2',
    'x>=1.0a1.post2.dev3',
    'x==1!2.0',
    'torch==2.3.1+cu121',
  ];
  for (const l of lines) {
    const fast = simpleRequirement(l);
    assert.ok(fast, `${l} takes the fast path`);
    assert.deepEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(parsePipRequirementsLine(l))), l);
  }
  for (const l of ['x (>=1)', 'x; python_version<"3"', 'x @ https://e/x.whl', 'x == ', 'x>=1 y', 'x_'])
    assert.equal(simpleRequirement(l), undefined, l);
});

test('=== (arbitrary equality) is accepted and pins', () => {
  const [l] = parseRequirements('legacy===1.0+local\n').lines;
  assert.equal(l.kind, 'requirement');
  assert.equal(l.pinned, '1.0+local');
});
