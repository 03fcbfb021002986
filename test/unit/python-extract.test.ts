import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractImports, scanPython } from '../../src/core/python/extract';
import { extractNotebook } from '../../src/core/python/notebook';
import { isDevPath } from '../../src/core/python/classify';

const mods = (src: string): string[] =>
  extractImports(src).map((i) => `${'.'.repeat(i.level)}${i.module}:${i.line}:${i.class}`);

test('import forms: dotted, aliased, several per statement, parenthesised from-import over lines', () => {
  assert.deepEqual(mods('import a.b as c, d\nfrom e.f import (g,\n  h as i)\nimport  j . k\n'), [
    'a.b:1:runtime',
    'd:1:runtime',
    'e.f:2:runtime',
    'j.k:4:runtime',
  ]);
  assert.deepEqual(extractImports('from e.f import (g,\n  h as i)')[0].names, ['g', 'h']);
});

test('nothing inside strings, comments, docstrings, f-strings or continuation lines counts', () => {
  const src = [
    '"""import doc1',
    'import doc2"""',
    "x = 'import s1'  # import c1",
    "y = f\"{ {'k': 'import nested'}['k'] } import f1\"",
    "z = rb'import raw' + '''",
    "import in_triple'''",
    'w = ("import", \\',
    '  "import x")',
    'import real',
  ].join('\n');
  assert.deepEqual(mods(src), ['real:9:runtime']);
  // A backslash before a doubled brace in an f-string does not open a replacement field.
  assert.deepEqual(mods("x = (rf'({n})(\\{{)',\n     f'\\}}')\nimport after_fstrings\n"), ['after_fstrings:3:runtime']);
});

test('relative imports are marked relative with their level', () => {
  const r = extractImports('from . import x\nfrom ..pkg.mod import y\nfrom .m import z');
  assert.deepEqual(
    r.map((i) => [i.module, i.level, i.isRelative]),
    [
      ['', 1, true],
      ['pkg.mod', 2, true],
      ['m', 1, true],
    ],
  );
});

test('__import__ and importlib.import_module with literal arguments; non-literals ignored', () => {
  const src =
    "a = __import__('yaml')\nb = importlib.import_module(\"google.cloud.storage\")\nc = import_module(name)\nd = __import__(f'x{y}')\n";
  const r = extractImports(src);
  assert.deepEqual(
    r.map((i) => [i.module, i.line, i.dynamic]),
    [
      ['yaml', 1, true],
      ['google.cloud.storage', 2, true],
    ],
  );
});

test('optional: try/except ImportError, ModuleNotFoundError, bare except, tuples, suppress(); fallback imports too', () => {
  const src = [
    'try:',
    '    import a',
    'except ImportError:',
    '    import b',
    'try:',
    '    import c',
    'except (OSError, ModuleNotFoundError) as e:',
    '    pass',
    'try: import d',
    'except: pass',
    'try:',
    '    import e',
    'except ValueError:',
    '    pass',
    'try:',
    '    import f',
    'finally:',
    '    pass',
    'with contextlib.suppress(ImportError): import g',
    'def h():',
    '    try:',
    '        import i',
    '    except ImportError:',
    '        return None',
  ].join('\n');
  assert.deepEqual(mods(src), [
    'a:2:optional',
    'b:4:optional',
    'c:6:optional',
    'd:9:optional',
    'e:12:runtime',
    'f:16:runtime',
    'g:19:optional',
    'i:22:optional',
  ]);
});

test('typing-only imports under if TYPE_CHECKING (bare or qualified); the else branch is runtime', () => {
  const src =
    'if TYPE_CHECKING:\n    import a\nelse:\n    import b\nif typing.TYPE_CHECKING:\n    from c import D\nimport e\n';
  assert.deepEqual(mods(src), ['a:2:typing', 'b:4:runtime', 'c:6:typing', 'e:7:runtime']);
});

test('semicolons, tabs and CRLF line endings', () => {
  assert.deepEqual(mods('import a; import b\r\nif x:\r\n\timport c\r\nimport d\r\n'), [
    'a:1:runtime',
    'b:1:runtime',
    'c:3:runtime',
    'd:4:runtime',
  ]);
});

test('the __main__ guard is found in either order and with either quote', () => {
  assert.equal(scanPython('if __name__ == "__main__":\n    main()').hasMainGuard, true);
  assert.equal(scanPython("if '__main__' == __name__: main()").hasMainGuard, true);
  assert.equal(scanPython('if __name__ == "not_main":\n    main()').hasMainGuard, false);
  assert.equal(scanPython('# if __name__ == "__main__":').hasMainGuard, false);
});

test('an unterminated string is a warning with its line, not a crash', () => {
  const r = scanPython('import a\ns = """never closed\nimport b\n');
  assert.deepEqual(
    r.imports.map((i) => i.module),
    ['a'],
  );
  assert.deepEqual(r.warnings, [{ line: 2, message: 'unterminated string literal' }]);
});

test('dev paths: tests/, docs/, test_*.py, *_test.py, conftest.py, setup.py, noxfile.py, benchmarks/', () => {
  for (const p of [
    'tests/a.py',
    'pkg/tests/b.py',
    'test_x.py',
    'x_test.py',
    'conftest.py',
    'docs/conf.py',
    'setup.py',
    'noxfile.py',
    'benchmarks/b.py',
  ]) {
    assert.equal(isDevPath(p), true, p);
  }
  for (const p of ['main.py', 'testing_utils.py', 'src/latest.py', 'contest.py']) assert.equal(isDevPath(p), false, p);
  assert.deepEqual(
    extractImports('import pytest', { file: 'tests/test_a.py' }).map((i) => i.class),
    ['dev'],
  );
});

const nb4 = (cells: unknown[], language = 'python'): string =>
  JSON.stringify({ nbformat: 4, metadata: { kernelspec: { name: 'k', language } }, cells });

test('notebooks: code cells only, numbered among all cells as the editor does, source as list or string, lines within the cell', () => {
  const r = extractNotebook(
    nb4([
      { cell_type: 'markdown', source: 'import md' },
      { cell_type: 'code', source: ['x = 1\n', 'import numpy as np\n'] },
      { cell_type: 'code', source: 'import pandas' },
    ]),
  );
  assert.deepEqual(
    r.imports.map((i) => [i.module, i.cell, i.line]),
    [
      ['numpy', 1, 2],
      ['pandas', 2, 1],
    ],
  );
});

test('notebooks: %pip and !pip install are requirements; other magics and shell lines are ignored', () => {
  const r = extractNotebook(
    nb4([
      {
        cell_type: 'code',
        source: [
          '%pip install -q "pandas>=2" seaborn==0.13.2 -r reqs.txt --index-url https://x\n',
          '!{sys.executable} -m pip install requests\n',
          '!python3 -m pip install --upgrade tqdm\n',
          '%conda install scipy\n',
          'files = !ls\n',
          '%matplotlib inline\n',
          'df?\n',
          'import os\n',
        ],
      },
      { cell_type: 'code', source: '%%bash\nimport notpython\n' },
      { cell_type: 'code', source: '%%time\nimport inside_time\n' },
    ]),
  );
  assert.deepEqual(
    r.pipInstalls.map((p) => [p.name, p.spec, p.line]),
    [
      ['pandas', 'pandas>=2', 1],
      ['seaborn', 'seaborn==0.13.2', 1],
      ['requests', 'requests', 2],
      ['tqdm', 'tqdm', 3],
      ['scipy', 'scipy', 4],
    ],
  );
  assert.deepEqual(
    r.imports.map((i) => i.module),
    ['os', 'inside_time'],
  );
  assert.deepEqual(r.warnings, []);
});

test('notebooks: nbformat 3 worksheets, non-Python kernels skipped, broken JSON is a warning', () => {
  const v3 = JSON.stringify({
    nbformat: 3,
    worksheets: [{ cells: [{ cell_type: 'code', language: 'python', input: 'import scipy' }] }],
  });
  assert.deepEqual(
    extractNotebook(v3).imports.map((i) => i.module),
    ['scipy'],
  );
  const r = extractNotebook(nb4([{ cell_type: 'code', source: 'import x' }], 'R'));
  assert.equal(r.python, false);
  assert.deepEqual(r.imports, []);
  assert.match(extractNotebook('{"cells": [').warnings[0].message, /not a valid notebook/);
  assert.match(extractNotebook('"just a string"').warnings[0].message, /no cells/);
});

test('an unclosed bracket does not swallow the imports that follow at column 0', () => {
  const r = scanPython('x = foo(1,\n  2\nimport a\nfrom b import c\ny = [\nimport_thing,\n]\n');
  assert.deepEqual(
    r.imports.map((i) => [i.module, i.line]),
    [
      ['a', 3],
      ['b', 4],
    ],
  );
  assert.deepEqual(r.warnings, [{ line: 1, message: 'unclosed bracket' }]);
});

test('notebooks: a %%writefile name.py cell is Python and names a module the notebook may import', () => {
  const r = extractNotebook(
    nb4([
      { cell_type: 'code', source: '\n%%writefile helpers.py\nimport numpy as np\ndef f():\n    return np.zeros(2)\n' },
      { cell_type: 'code', source: '%%writefile notes.txt\nimport not_python\n' },
      { cell_type: 'code', source: 'import helpers' },
    ]),
  );
  assert.deepEqual(r.writtenModules, ['helpers']);
  assert.deepEqual(
    r.imports.map((i) => [i.module, i.cell, i.line]),
    [
      ['numpy', 0, 3],
      ['helpers', 2, 1],
    ],
  );
});
