// DSC001–DSC010: for each rule a hit, a miss, a suppression and (where mechanical) the fixed text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dscFindings, dscFixes, dscRules, FixOptions } from '../../src/core/dockerfile/rules';
import { applyEdits } from '../../src/core/edits';
import { formatFinding } from '../../src/core/findings';

const GOOD = `FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home --uid 1000 app
USER app
CMD ["python", "main.py"]
`;

const codes = (text: string, code: string) => dscFindings(text).filter((f) => f.code === code);

/** Applies fix number `n` of the first `code` finding and returns the new text. */
function fix(text: string, code: string, opts: FixOptions = {}, n = 0): string {
  const f = codes(text, code)[0];
  assert.ok(f, `${code} found`);
  const fixes = dscFixes(text, f, opts);
  assert.ok(fixes[n], `${code} has fix ${n}: ${fixes.map((x) => x.title).join(' | ')}`);
  return applyEdits(text, fixes[n].edits);
}

test('a good data-science Dockerfile has no DSC finding', () => {
  assert.deepEqual(dscFindings(GOOD), []);
});

test('every rule has a stable id, one message and docs', () => {
  assert.deepEqual(dscRules.map((r) => r.id).slice(0, 10), [
    'DSC001',
    'DSC002',
    'DSC003',
    'DSC004',
    'DSC005',
    'DSC006',
    'DSC007',
    'DSC008',
    'DSC009',
    'DSC010',
  ]);
  assert.equal(new Set(dscRules.map((r) => r.id)).size, dscRules.length, 'ids are unique');
  for (const r of dscRules) assert.ok(r.message.length > 20 && r.docs.length > 40, r.id);
});

test('DSC001 whole context copied before install: hit, miss, suppression, fix', () => {
  const bad =
    'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nUSER app\nCMD ["python", "main.py"]\n';
  const [f] = codes(bad, 'DSC001');
  assert.deepEqual([f.line, f.col, f.endLine, f.endCol], [2, 0, 2, 8]);
  assert.equal(codes(GOOD, 'DSC001').length, 0);
  assert.equal(codes(bad.replace('COPY . .', '# dsc-ignore DSC001\nCOPY . .'), 'DSC001').length, 0);
  assert.equal(
    fix(bad, 'DSC001'),
    'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER app\nCMD ["python", "main.py"]\n',
  );
  const mixed =
    'FROM python:3.11-slim\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt && python setup.py build\n';
  assert.deepEqual(dscFixes(mixed, codes(mixed, 'DSC001')[0]), [], 'a RUN that also uses the code does not move');
  // `pip install .` needs the whole project: the finding stays, no fix is offered.
  const project = 'FROM python:3.11-slim\nCOPY . /src\nRUN pip install --no-cache-dir /src\n';
  assert.equal(codes(project, 'DSC001').length, 1);
  assert.deepEqual(dscFixes(project, codes(project, 'DSC001')[0]), []);
});

test('DSC002 pip install without --no-cache-dir: hit, miss (flag, ENV, cache mount), suppression, fix', () => {
  const bad = 'FROM python:3.11-slim\nRUN pip install -r requirements.txt && python -m pip install x==1\n';
  assert.equal(codes(bad, 'DSC002').length, 2);
  assert.equal(codes('FROM python:3.11-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r r.txt\n', 'DSC002').length, 0);
  assert.equal(
    codes('FROM python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt\n', 'DSC002')
      .length,
    0,
  );
  assert.equal(
    codes('FROM python:3.11-slim\nRUN uv pip install --system -r r.txt\n', 'DSC002').length,
    0,
    'uv is not pip',
  );
  assert.equal(codes('FROM python:3.11-slim\nRUN pip install x==1 # dsc-ignore DSC002 DSC007\n', 'DSC002').length, 0);
  assert.equal(
    fix(bad, 'DSC002'),
    'FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt && python -m pip install x==1\n',
  );
});

test('DSC003 base image without a tag or latest: hit, miss, suppression, fix choices', () => {
  const bad = 'FROM python\nUSER app\n';
  assert.equal(codes(bad, 'DSC003').length, 1);
  assert.equal(
    codes('FROM python:latest AS b\nFROM b\nUSER app\n', 'DSC003').length,
    1,
    'latest is flagged, a stage reference is not',
  );
  assert.equal(
    codes('FROM python:3.11-slim\nFROM scratch\nFROM python@sha256:abc\nARG BASE\nFROM $BASE\n', 'DSC003').length,
    0,
  );
  assert.equal(codes('# dsc-ignore DSC003\nFROM python\n', 'DSC003').length, 0);
  assert.equal(fix(bad, 'DSC003'), 'FROM python:3.12-slim\nUSER app\n', 'default: current slim Python');
  assert.equal(
    fix(bad, 'DSC003', { localTags: { python: ['3.11-slim', 'latest'] } }),
    'FROM python:3.11-slim\nUSER app\n',
    'a local image first',
  );
  assert.equal(
    fix('FROM python:latest\n', 'DSC003', { pythonVersion: '3.10' }),
    'FROM python:3.10-slim\n',
    'then the interpreter',
  );
  assert.deepEqual(
    dscFixes('FROM ubuntu\n', codes('FROM ubuntu\n', 'DSC003')[0]),
    [],
    'no invented tag for other images',
  );
});

test('DSC004 no USER: hit, miss, suppression, fix', () => {
  const bad = 'FROM python:3.11-slim\nCOPY . .\nCMD ["python", "main.py"]\n';
  assert.equal(codes(bad, 'DSC004').length, 1);
  assert.equal(codes('FROM python:3.11-slim\nUSER root\n', 'DSC004').length, 1, 'USER root still runs as root');
  assert.equal(codes('FROM python:3.11-slim AS b\nFROM python:3.11-slim\nUSER 1000\n', 'DSC004').length, 0);
  assert.equal(codes('# dsc-ignore DSC004\nFROM python:3.11-slim\n', 'DSC004').length, 0);
  assert.equal(
    fix(bad, 'DSC004'),
    'FROM python:3.11-slim\nCOPY . .\nRUN useradd --create-home --uid 1000 app\nUSER app\nCMD ["python", "main.py"]\n',
  );
  assert.equal(
    fix('FROM python:3.11-slim', 'DSC004'),
    'FROM python:3.11-slim\nRUN useradd --create-home --uid 1000 app\nUSER app\n',
  );
});

test('DSC005 apt-get install hygiene: hit, miss, suppression, fix', () => {
  const bad = 'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y libgomp1\nUSER app\n';
  assert.equal(codes(bad, 'DSC005').length, 1);
  assert.equal(
    codes(
      'FROM python:3.11-slim\nRUN apt-get update && apt-get install -y --no-install-recommends x \\\n && rm -rf /var/lib/apt/lists/*\n',
      'DSC005',
    ).length,
    0,
  );
  assert.equal(codes('FROM python:3.11-slim\n# dsc-ignore DSC005\nRUN apt-get install -y x\n', 'DSC005').length, 0);
  assert.equal(
    fix(bad, 'DSC005'),
    'FROM python:3.11-slim\nRUN apt-get update && apt-get install --no-install-recommends -y libgomp1 \\\n    && rm -rf /var/lib/apt/lists/*\nUSER app\n',
  );
});

test('DSC006 Jupyter with an empty token or password: hit, miss, suppression', () => {
  const bad = 'FROM x:1\nUSER a\nCMD ["jupyter", "lab", "--ip=0.0.0.0", "--ServerApp.token=\'\'"]\n';
  assert.equal(codes(bad, 'DSC006').length, 1);
  assert.equal(
    codes('FROM x:1\nUSER a\nCMD jupyter notebook --NotebookApp.token= --NotebookApp.password=""\n', 'DSC006').length,
    2,
  );
  assert.equal(codes('FROM x:1\nENV JUPYTER_TOKEN=""\n', 'DSC006').length, 1);
  assert.equal(codes('FROM x:1\nUSER a\nCMD ["jupyter", "lab", "--ip=0.0.0.0"]\n', 'DSC006').length, 0);
  assert.equal(codes(bad.replace('CMD', '# dsc-ignore DSC006\nCMD'), 'DSC006').length, 0);
});

test('DSC007 unpinned pip install: hit, miss, suppression, pin and move fixes', () => {
  const bad =
    'FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt numpy "pandas[excel]" -i https://x/simple\n';
  assert.deepEqual(
    codes(bad, 'DSC007').map((f) => bad.split('\n')[f.line].slice(f.col, f.endCol)),
    ['numpy', '"pandas[excel]"'],
  );
  assert.equal(
    codes('FROM p:1\nRUN pip install --no-cache-dir numpy==1.26 ./pkg x.whl git+https://h/r -U pip\n', 'DSC007').length,
    0,
  );
  assert.equal(codes('FROM p:1\n# dsc-ignore DSC007\nRUN pip install --no-cache-dir numpy\n', 'DSC007').length, 0);
  assert.equal(
    fix(bad, 'DSC007', { installed: { NumPy: '1.26.4' } }),
    'FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt numpy==1.26.4 "pandas[excel]" -i https://x/simple\n',
  );
  const [f] = codes(bad, 'DSC007');
  const move = dscFixes(bad, f, { installed: { numpy: '1.26.4' } })[1];
  assert.deepEqual(move.append, { file: 'requirements.txt', lines: ['numpy==1.26.4'] });
  assert.equal(
    applyEdits(bad, move.edits),
    'FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt "pandas[excel]" -i https://x/simple\n',
  );
  const alone = 'FROM p:1\nRUN pip install --no-cache-dir numpy\n';
  assert.deepEqual(dscFixes(alone, codes(alone, 'DSC007')[0]), [], 'nothing known, nothing safe to move');
});

test('DSC008 secret-looking ENV/ARG: hit, miss, suppression', () => {
  assert.equal(
    codes('FROM p:1\nENV API_KEY=abc\nARG GITHUB_TOKEN\nENV X=ghp_abcdefghijklmnopqrstuvwxyz0123\n', 'DSC008').length,
    3,
  );
  assert.equal(
    codes('FROM p:1\nENV PIP_NO_CACHE_DIR=1 TOKENIZERS_PARALLELISM=false\nENV MY_TOKEN=\n', 'DSC008').length,
    0,
  );
  assert.equal(codes('FROM p:1\n# dsc-ignore DSC008\nENV DB_PASSWORD=x\n', 'DSC008').length, 0);
});

test('DSC009 ADD for a local file or URL: hit, miss (archive, checksum), suppression, fix', () => {
  const bad = 'FROM p:1\nADD main.py /app/\n';
  assert.equal(codes(bad, 'DSC009').length, 1);
  assert.equal(codes('FROM p:1\nADD https://x/y.csv /data/\n', 'DSC009').length, 1);
  assert.equal(
    codes('FROM p:1\nADD data.tar.gz /data/\nADD --checksum=sha256:00 https://x/y /y\n', 'DSC009').length,
    0,
  );
  assert.equal(codes('FROM p:1\nADD main.py /app/ # dsc-ignore DSC009\n', 'DSC009').length, 0);
  assert.equal(fix(bad, 'DSC009'), 'FROM p:1\nCOPY main.py /app/\n');
  assert.deepEqual(
    dscFixes('FROM p:1\nADD https://x/y.csv /d/\n', codes('FROM p:1\nADD https://x/y.csv /d/\n', 'DSC009')[0]),
    [],
  );
});

test('DSC010 shell-form CMD/ENTRYPOINT: hit, miss, suppression, fix', () => {
  const bad = 'FROM p:1\nCMD python "my app.py" --port 8000\n';
  assert.equal(codes(bad, 'DSC010').length, 1);
  assert.equal(codes('FROM p:1\nENTRYPOINT ["python"]\nCMD ["app.py"]\n', 'DSC010').length, 0);
  assert.equal(codes('FROM p:1\nCMD exec python app.py\n', 'DSC010').length, 0, 'exec replaces the shell');
  assert.equal(codes('FROM p:1\n# dsc-ignore DSC010, DSC004\nCMD python app.py\n', 'DSC010').length, 0);
  assert.equal(fix(bad, 'DSC010'), 'FROM p:1\nCMD ["python", "my app.py", "--port", "8000"]\n');
  const piped = 'FROM p:1\nCMD python a.py | tee log\n';
  assert.deepEqual(dscFixes(piped, codes(piped, 'DSC010')[0]), [], 'shell syntax: no automatic rewrite');
});

test('severity settings override and turn rules off; output formats like the CLI', () => {
  const text = 'FROM python\nCMD python app.py\n';
  const found = dscFindings(text, { severities: { DSC003: 'error', DSC004: 'off' } });
  assert.deepEqual(
    found.map((f) => `${f.code}:${f.severity}`),
    ['DSC003:error', 'DSC010:warning'],
  );
  assert.equal(
    formatFinding('Dockerfile', found[0]),
    'Dockerfile:1:6: error DSC003: Base image without a tag or tagged `latest`: the build changes when the image is updated.',
  );
});
