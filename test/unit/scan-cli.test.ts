import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { captureIo, FIXTURES, hostileCopy } from './scan-helpers';
import { analyzeProject } from '../../src/node/analyze';
import type { ProjectAnalysis } from '../../src/core/project';

/** A stand-in interpreter: a shell script that prints what the probe would, so versions are deterministic. */
function fakePython(facts: object): { exe: string; dispose(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-fakepy-'));
  const exe = path.join(dir, 'python');
  fs.writeFileSync(exe, `#!/bin/sh\ncat <<'JSON'\n${JSON.stringify(facts)}\nJSON\n`, { mode: 0o755 });
  return { exe, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

const STDLIB = [
  'os',
  'sys',
  'argparse',
  'json',
  'collections',
  'sqlite3',
  'importlib',
  'typing',
  '__future__',
  'contextlib',
  'timeit',
];

test("scan prints the runtime requirements pinned to the interpreter's installed versions", async () => {
  const py = fakePython({
    version: '3.11',
    stdlib: STDLIB,
    packages: { numpy: ['numpy'] },
    installed: { numpy: '1.26.4' },
  });
  try {
    const io = captureIo();
    assert.equal(await main(['scan', path.join(FIXTURES, 'linear-classifier-script'), '--python', py.exe], io), 0);
    assert.deepEqual(io.stdout, ['numpy==1.26.4']);
    assert.deepEqual(io.stderr, []);
  } finally {
    py.dispose();
  }
});

test('scan: a version that is not installed stays unpinned and is reported at the import', async () => {
  const py = fakePython({ version: '3.11', stdlib: STDLIB, packages: {}, installed: { numpy: '1.26.4' } });
  try {
    const io = captureIo(FIXTURES);
    assert.equal(await main(['scan', 'app-dash', '--python', py.exe], io), 0);
    assert.deepEqual(io.stdout, ['dash', 'pandas', 'plotly']);
    assert.deepEqual(io.stderr, [
      `app-dash/app.py:1: warning: pandas: version unknown (not installed in ${py.exe}); left unpinned`,
      `app-dash/app.py:2: warning: plotly: version unknown (not installed in ${py.exe}); left unpinned`,
      `app-dash/app.py:3: warning: dash: version unknown (not installed in ${py.exe}); left unpinned`,
    ]);
  } finally {
    py.dispose();
  }
});

test('scan --no-pin prints bare names and asks for no version', async () => {
  const py = fakePython({ version: '3.11', stdlib: STDLIB, packages: {}, installed: { numpy: '1.26.4' } });
  try {
    const io = captureIo();
    assert.equal(
      await main(['scan', path.join(FIXTURES, 'linear-classifier-notebook'), '--no-pin', '--python', py.exe], io),
      0,
    );
    assert.deepEqual(io.stdout, ['numpy']);
    assert.deepEqual(io.stderr, []);
  } finally {
    py.dispose();
  }
});

test('scan: a missing interpreter is one warning; bundled data is used; exit 0', async () => {
  const io = captureIo(FIXTURES);
  assert.equal(await main(['scan', 'linear-classifier-script', '--python', '/nonexistent/python9'], io), 0);
  assert.deepEqual(io.stdout, ['numpy']);
  assert.equal(
    io.stderr[0],
    'linear-classifier-script: warning: Python interpreter "/nonexistent/python9" not found; using bundled data (versions unknown)',
  );
  assert.match(
    io.stderr[1],
    /^linear-classifier-script\/train\.py:8: warning: numpy: version unknown \(no interpreter to ask\); left unpinned$/,
  );
});

test('scan: an interpreter that fails is one short warning line (never the probe program)', async () => {
  const io = captureIo(FIXTURES);
  assert.equal(await main(['scan', 'linear-classifier-script', '--python', '/bin/false'], io), 0);
  assert.equal(
    io.stderr[0],
    'linear-classifier-script: warning: cannot run /bin/false: exit code 1; using bundled data (versions unknown)',
  );
  assert.ok(
    io.stderr.every((l) => !l.includes('\n') && l.length < 200),
    io.stderr.join('|'),
  );
});

test('scan --json prints the whole analysis: every import with file, line, class, distribution, version', async () => {
  const py = fakePython({
    version: '3.11',
    stdlib: STDLIB,
    packages: { PIL: ['Pillow'] },
    installed: { Pillow: '10.3.0', PyYAML: '6.0.1' },
  });
  try {
    const io = captureIo();
    assert.equal(await main(['scan', path.join(FIXTURES, 'renamed-imports'), '--json', '--python', py.exe], io), 0);
    const a = JSON.parse(io.stdout.join('\n')) as ProjectAnalysis;
    assert.equal(a.mode, 'script');
    assert.equal(a.entry, 'pipeline.py');
    assert.equal(a.pythonVersion, '3.11');
    const pillow = a.requirements.find((r) => r.name === 'Pillow')!;
    assert.deepEqual(pillow, {
      name: 'Pillow',
      verified: true,
      class: 'runtime',
      imports: ['PIL'],
      version: '10.3.0',
      sites: [{ module: 'PIL', file: 'pipeline.py', line: 8, class: 'runtime', names: ['Image'] }],
    });
    assert.equal(a.requirements.find((r) => r.name === 'PyYAML')?.version, '6.0.1');
    assert.equal(a.requirements.find((r) => r.name === 'scikit-learn')?.version, undefined);
    const flat = (
      a as unknown as {
        imports: { module: string; line: number; distribution: string; version?: string; verified: boolean }[];
      }
    ).imports;
    assert.deepEqual(
      flat.map((i) => `${i.line}:${i.module}:${i.distribution}:${i.version ?? '-'}:${i.verified}`),
      [
        '3:cv2:opencv-python:-:true',
        '4:yaml:PyYAML:6.0.1:true',
        '5:bs4:beautifulsoup4:-:true',
        '6:dateutil:python-dateutil:-:true',
        '7:dotenv:python-dotenv:-:true',
        '8:PIL:Pillow:10.3.0:true',
        '9:sklearn.linear_model:scikit-learn:-:true',
        '11:attr:attrs:-:true',
        '12:skimage.io:scikit-image:-:true',
      ],
    );
  } finally {
    py.dispose();
  }
});

test('scan of hostile inputs exits 0, prints warnings naming each file and never a stack trace', async () => {
  const dir = hostileCopy();
  try {
    const io = captureIo(dir);
    assert.equal(await main(['scan', '.', '--no-pin', '--python', '/nonexistent/python'], io), 0);
    assert.deepEqual(io.stdout, ['numpy', 'pandas', 'requests', 'scipy']);
    const err = io.stderr.join('\n');
    for (const f of ['blob.py', 'utf16.py', 'latin1.py', 'huge.py:1', 'broken.ipynb', 'loop/parent'])
      assert.match(err, new RegExp(`^${f.replace('.', '\\.')}(:\\d+)?: warning: `, 'm'));
    assert.doesNotMatch(err, /\n\s+at /);
    for (const line of io.stderr) assert.match(line, /^[^:]+(:\d+)?: warning: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('scan: usage errors are one line with exit 2', async () => {
  const io = captureIo();
  assert.equal(await main(['scan', '/nonexistent/folder'], io), 2);
  assert.deepEqual(io.stderr, ['ds-containers scan: no such folder: /nonexistent/folder']);
  const io2 = captureIo();
  assert.equal(await main(['scan', FIXTURES, '--frobnicate'], io2), 2);
  assert.deepEqual(io2.stderr, ['ds-containers scan: unknown option: --frobnicate']);
});

test('analyzeProject with the real python3 (when present) never invents a version', async () => {
  const a = await analyzeProject(path.join(FIXTURES, 'namespace-packages'), { python: 'python3' });
  for (const r of a.requirements) {
    if (r.version) assert.ok(!a.warnings.some((w) => w.message.startsWith(`${r.name}: version unknown`)));
    else
      assert.ok(
        a.warnings.some((w) => w.message.startsWith(`${r.name}: version unknown`)),
        `${r.name} unpinned but not reported`,
      );
  }
});

test('requires-python ">=3.10" with a 3.11 interpreter targets 3.11 without a warning; a pinned .python-version is kept', async () => {
  const py = fakePython({
    version: '3.11',
    stdlib: STDLIB,
    packages: {},
    installed: { requests: '2.31.0', pandas: '2.2.0' },
  });
  try {
    const a = await analyzeProject(path.join(FIXTURES, 'src-layout'), { python: py.exe });
    assert.equal(a.pythonVersion, '3.11');
    assert.equal(a.pythonVersionFrom, 'interpreter');
    assert.deepEqual(a.warnings, [], 'dev requirements without a version are not reported; requests is installed');
    const d = await analyzeProject(path.join(FIXTURES, 'declared'), { python: py.exe });
    assert.equal(d.pythonVersion, '3.10');
    assert.equal(d.pythonVersionFrom, '.python-version');
    assert.ok(
      d.warnings.some((w) => w.file === '.python-version' && /targets Python 3\.10 but .* is 3\.11/.test(w.message)),
    );
  } finally {
    py.dispose();
  }
});

test('a declared pin that differs from the installed version is kept and reported at the declaration', async () => {
  const py = fakePython({
    version: '3.10',
    stdlib: STDLIB,
    packages: {},
    installed: { pandas: '2.2.0', gunicorn: '22.0.0' },
  });
  try {
    const io = captureIo(FIXTURES);
    assert.equal(await main(['scan', 'declared', '--python', py.exe], io), 0);
    // tomllib is standard library from 3.11 on only: no index has it, so it is no install line for 3.10.
    assert.deepEqual(io.stdout, ['gunicorn==22.0.0', 'pandas==1.5.3']);
    assert.ok(
      io.stderr.includes(
        `declared/requirements.txt:2: warning: pandas: pinned to 1.5.3 here, but ${py.exe} has 2.2.0 installed; the pin is kept`,
      ),
      io.stderr.join('\n'),
    );
  } finally {
    py.dispose();
  }
});

test('a Python 2 interpreter is refused with one warning', async () => {
  const py = fakePython({ version: '2.7', stdlib: [], packages: {}, installed: {} });
  try {
    const a = await analyzeProject(path.join(FIXTURES, 'linear-classifier-script'), { python: py.exe });
    assert.equal(a.pythonVersion, '3.11');
    assert.equal(a.interpreter?.problem, `Python interpreter "${py.exe}" is Python 2.7, not Python 3`);
  } finally {
    py.dispose();
  }
});

test('progress is reported per file, and an aborted scan stops with one clear error', async () => {
  const seen: [number, number][] = [];
  await analyzeProject(path.join(FIXTURES, 'tests-docs'), {
    python: false,
    onProgress: (n, total) => seen.push([n, total]),
  });
  assert.equal(seen.length, 8);
  assert.deepEqual(seen[seen.length - 1], [8, 8]);
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(
    analyzeProject(path.join(FIXTURES, 'tests-docs'), { python: false, signal: ac.signal }),
    (e: Error) => e.name === 'AbortError' && e.message === 'scan cancelled',
  );
});
