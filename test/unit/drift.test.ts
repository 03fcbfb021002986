// Import drift and requirements diagnostics: one test per case, pure data in and out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImportIndex, driftEnv, missingRequirements, unusedRequirements, DriftImport } from '../../src/core/drift';
import {
  REQ_CODES,
  appendRequirement,
  requirementFindings,
  requirementFixes,
} from '../../src/core/drift/requirements-lint';
import { parseRequirements } from '../../src/core/requirements/parse';
import { applyEdits } from '../../src/core/edits';

const env = driftEnv(
  {
    version: '3.11',
    packages: { numpy: ['numpy'], sklearn: ['scikit-learn'], pandas: ['pandas'] },
    installed: { numpy: '1.26.4', 'scikit-learn': '1.4.2', pandas: '2.2.2', requests: '2.32.3' },
  },
  (top) => top === 'mylib',
);
const imp = (module: string, line = 1, cls: DriftImport['class'] = 'runtime'): DriftImport => ({
  module,
  line,
  class: cls,
});
const declared = (text: string) => new Set(parseRequirements(text).lines.flatMap((l) => (l.key ? [l.key] : [])));

test('drift: a declared import (by distribution name, any spelling) is not flagged', () => {
  assert.deepEqual(
    missingRequirements(
      'a.py',
      [imp('sklearn.linear_model'), imp('numpy')],
      declared('Scikit_Learn==1.4\nnumpy\n'),
      env,
    ),
    [],
  );
});

test('drift: an undeclared installed import gives the distribution and its version', () => {
  const [m] = missingRequirements('a.py', [imp('os'), imp('sklearn.svm', 3)], declared('numpy\n'), env);
  assert.deepEqual(
    { top: m.top, distribution: m.distribution, version: m.version, line: m.import.line },
    { top: 'sklearn', distribution: 'scikit-learn', version: '1.4.2', line: 3 },
  );
});

test('drift: stdlib, local, relative, optional, typing and dev imports are never flagged', () => {
  const imports = [
    imp('json'),
    imp('mylib.x'),
    { ...imp('x'), isRelative: true },
    imp('requests', 1, 'optional'),
    imp('pandas', 1, 'typing'),
    imp('pandas', 1, 'dev'),
  ];
  assert.deepEqual(missingRequirements('a.py', imports, declared(''), env), []);
});

test('drift: an import that is not installed is flagged without a version (curated name, else the import name)', () => {
  const found = missingRequirements('a.py', [imp('json'), imp('cv2'), imp('fancy_tool.core')], declared(''), env);
  assert.deepEqual(
    found.map((m) => [m.distribution, m.version]),
    [
      ['opencv-python', undefined],
      ['fancy_tool', undefined],
    ],
  );
  assert.deepEqual(missingRequirements('a.py', [imp('cv2')], declared('opencv-python\n'), env), []);
});

test('drift: the index updates one file on save and tracks who imports what', () => {
  const index = new ImportIndex();
  index.set('a.py', [imp('numpy'), imp('pandas')]);
  index.set('b.py', [imp('numpy')]);
  assert.deepEqual(index.importers('numpy'), ['a.py', 'b.py']);
  index.set('a.py', [imp('sklearn')]);
  assert.deepEqual(index.importers('pandas'), []);
  assert.deepEqual(index.importers('numpy'), ['b.py']);
  index.delete('b.py');
  assert.deepEqual([index.size, index.importers('numpy')], [1, []]);
});

test('drift: unused requirements skip runtime-only tools and count any import as a use', () => {
  const index = new ImportIndex();
  index.set('a.py', [imp('sklearn'), imp('pandas', 2, 'optional')]);
  const lines = parseRequirements('scikit-learn==1.4.2\npandas\nrequests\njupyterlab\ngunicorn\nopenpyxl\n').lines;
  assert.deepEqual(
    unusedRequirements(lines, index, env).map((l) => l.name),
    ['requests'],
  );
  assert.deepEqual(unusedRequirements(lines, new ImportIndex(), env), [], 'no index yet: nothing is called unused');
});

test('requirements: syntax error, duplicate, unpinned and unused findings', () => {
  const index = new ImportIndex();
  index.set('a.py', [imp('numpy')]);
  const text =
    'numpy==1.26.4\nnumpy>=1\npandas ==\nrequests  # http\nfoo; sys_platform=="win32"\nfoo; sys_platform=="linux"\n';
  const f = requirementFindings(text, index, env).map((x) => `${x.line}:${x.code}:${x.severity}`);
  assert.deepEqual(
    f.sort(),
    [
      '1:DSC102:warning',
      '1:DSC103:information',
      '2:DSC101:error',
      '3:DSC103:information',
      '3:DSC104:hint',
      '4:DSC103:information',
      '4:DSC104:hint',
      '5:DSC103:information',
      '5:DSC104:hint',
    ].sort(),
  );
});

test('requirements fixes: pin to the installed version keeps extras, markers and comments; remove deletes the line', () => {
  const text = 'pandas[excel]>=2 ; python_version>"3.8"  # data\nrequests\nnumpy\n';
  const pin = requirementFixes(text, { code: REQ_CODES.unpinned, line: 0 }, env);
  assert.equal(
    applyEdits(text, pin[0].edits),
    'pandas[excel]==2.2.2 ; python_version>"3.8"  # data\nrequests\nnumpy\n',
  );
  const rm = requirementFixes(text, { code: REQ_CODES.unused, line: 1 }, env);
  assert.equal(rm[0].title, 'Remove requests');
  assert.equal(applyEdits(text, rm[0].edits), 'pandas[excel]>=2 ; python_version>"3.8"  # data\nnumpy\n');
  assert.deepEqual(
    requirementFixes('cv2x\n', { code: REQ_CODES.unpinned, line: 0 }, env),
    [],
    'version unknown: no pin offered',
  );
});

test('appendRequirement adds one line at the end and never rewrites others', () => {
  assert.equal(applyEdits('numpy\n', [appendRequirement('numpy\n', 'pandas==2.2.2')]), 'numpy\npandas==2.2.2\n');
  assert.equal(applyEdits('numpy', [appendRequirement('numpy', 'pandas==2.2.2')]), 'numpy\npandas==2.2.2\n');
  assert.equal(applyEdits('', [appendRequirement('', 'x')]), 'x\n');
});

test('drift: a drop-in alternative distribution satisfies the import (headless OpenCV, psycopg2-binary, tensorflow-cpu, pillow-simd)', () => {
  const imports = [imp('cv2'), imp('psycopg2'), imp('tensorflow'), imp('PIL.Image')];
  const decl = declared('opencv-python-headless==4.9.0.80\npsycopg2-binary\ntensorflow-cpu\npillow-simd\n');
  assert.deepEqual(missingRequirements('a.py', imports, decl, env), []);
  assert.deepEqual(missingRequirements('a.py', [imp('cv2')], declared('opencv-contrib-python-headless\n'), env), []);
  // ... and the alternative counts as used by those imports
  const index = new ImportIndex();
  index.set('a.py', imports);
  assert.deepEqual(
    unusedRequirements(parseRequirements('opencv-python-headless\npsycopg2-binary\nrequests\n').lines, index, env).map(
      (l) => l.name,
    ),
    ['requests'],
  );
});
