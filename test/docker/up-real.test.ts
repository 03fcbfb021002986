// `up` from bare source to the expected output on projects shaped like real ones (issue 11): a script in
// a subfolder importing the root package with settings in .env, a src/ layout installed from
// pyproject.toml, a FastAPI app reading .env (its HTTP answer), notebooks importing a root package
// (Jupyter answers with its token). Offline: --no-pin and base images that already hold the packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildingEngine, captureIo, FIXTURES, tagOf } from './helpers';

const { copy } = buildingEngine();

const real = (name: string): string => copy(path.join(FIXTURES, 'real', name)).dir;

function docker(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile('docker', args, (e, stdout, stderr) =>
      resolve({ code: e ? Number(e.code ?? 1) : 0, out: stdout + stderr }),
    ),
  );
}

async function get(url: string): Promise<{ status: number; body: string }> {
  const r = await fetch(url);
  return { status: r.status, body: await r.text() };
}

test(
  'subfolder entry importing the root package, settings from .env: up runs it, run re-reads .env, check imports it',
  { timeout: 600_000 },
  async () => {
    const dir = real('subfolder-env');
    fs.writeFileSync(
      path.join(dir, '.env'),
      '# as the README says: cp .env.example .env, then fill in\nCHURN_THRESHOLD="0.5"\n',
    );
    const io = captureIo();
    assert.equal(
      await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-scipy'], io),
      0,
      io.stderr.join('\n'),
    );
    assert.ok(io.stdout.includes('Entry examples/predict.py: the README or Makefile runs it.'), io.stdout.join('\n'));
    assert.match(io.stdout.join('\n'), /^churn probability 0\.7\d\d, threshold 0\.5: churn$/m);
    // The settings are passed at run time, never in the image.
    assert.equal((await docker(['run', '--rm', tagOf(dir), 'test', '-e', '/app/.env'])).code, 1);
    fs.writeFileSync(path.join(dir, '.env'), 'CHURN_THRESHOLD=0.9\n');
    const again = captureIo();
    assert.equal(await main(['run', dir], again), 0, again.stderr.join('\n'));
    assert.match(again.stdout.join('\n'), /threshold 0\.9: stays$/m);
    const check = captureIo();
    assert.equal(await main(['check', dir], check), 0, check.stderr.join('\n'));
    assert.match(check.stdout.at(-1)!, /^all 3 imports load in .*: churn, numpy, examples\/predict\.py$/);
  },
);

test(
  "check imports the entry's own imports as the entry would: a root package without PYTHONPATH fails at its line",
  { timeout: 600_000 },
  async () => {
    const dir = real('subfolder-env');
    assert.equal(await main(['scaffold', dir, '--base-image', 'local/python:3.11-scipy'], captureIo()), 0);
    const file = path.join(dir, 'Dockerfile');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^ENV PYTHONPATH=.*$/m, ''));
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'numpy\n'); // offline: the image's own numpy
    assert.equal(await main(['build', dir], captureIo()), 0);
    const io = captureIo();
    io.cwd = dir;
    assert.equal(await main(['check', '.'], io), 1);
    assert.deepEqual(io.stderr, [
      `examples/predict.py:3:1: error DSC-IMPORT: "churn" does not import in the image: ModuleNotFoundError: No module named 'churn'`,
    ]);
  },
);

test(
  'src/ layout with pyproject.toml: up installs the project (editable, as its README does) and runs its script',
  { timeout: 600_000 },
  async () => {
    const dir = real('src-pyproject');
    const io = captureIo();
    assert.equal(
      await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-scipy'], io),
      0,
      io.stderr.join('\n'),
    );
    assert.ok(io.stdout.includes('statskit 0.3.0: n=4 mean=2.5'), io.stdout.join('\n'));
    assert.match(
      fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'),
      /^RUN pip install --no-cache-dir --no-deps --no-build-isolation -e \.$/m,
    );
  },
);

test(
  'FastAPI app with .env: up serves it on 127.0.0.1, the answer carries the setting, the URL comes once it answers',
  { timeout: 600_000 },
  async () => {
    const dir = real('fastapi-env');
    fs.writeFileSync(path.join(dir, '.env'), 'export GREETING=hello from .env\n');
    let url = '';
    let answer: { status: number; body: string } | undefined;
    const io = captureIo(process.env);
    io.err = (l) => {
      io.stderr.push(l);
      const m = /^port 8000 → (http:\/\/127\.0\.0\.1:\d+)$/.exec(l);
      if (m) {
        url = m[1];
        void get(url + '/')
          .then(
            (r) => {
              answer = r;
            },
            (e: Error) => {
              answer = { status: 0, body: e.message };
            },
          )
          .finally(() => io.abort());
      }
    };
    const code = await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-web'], io);
    assert.equal(code, 130, io.stderr.join('\n'));
    assert.ok(url, io.stderr.join('\n'));
    assert.deepEqual(answer, { status: 200, body: '{"greeting":"hello from .env"}' });
  },
);

test('a server that dies at startup (no .env) gets no URL line after its error', { timeout: 600_000 }, async () => {
  const dir = real('fastapi-env');
  const io = captureIo();
  setTimeout(() => io.abort(), 60_000).unref(); // a stuck run must not hang the tier
  const code = await main(['up', dir, '--no-pin', '--base-image', 'local/python:3.11-web'], io);
  assert.notEqual(code, 0);
  assert.ok(
    io.stderr.some((l) => l.includes('.env.example lists settings but there is no .env')),
    io.stderr.join('\n'),
  );
  assert.ok(
    io.stderr.some((l) => /KeyError: 'GREETING'/.test(l)),
    io.stderr.join('\n'),
  );
  assert.ok(!io.stderr.some((l) => /→ http/.test(l)), io.stderr.join('\n'));
});

test(
  'notebooks in a subfolder importing a root package: Jupyter answers with its token, and the import works from there',
  { timeout: 600_000 },
  async () => {
    const dir = real('notebook-helpers');
    let url = '';
    const seen: { withToken?: number; without?: number } = {};
    const io = captureIo(process.env, (l) => {
      const m = /^Jupyter is ready: (\S+)/.exec(l);
      if (!m) return;
      url = m[1];
      const u = new URL(url);
      const api = `${u.origin}/api/contents/notebooks`;
      void Promise.all([get(`${api}?token=${u.searchParams.get('token')}`), get(api)])
        .then(([a, b]) => {
          seen.withToken = a.status;
          seen.without = b.status;
        })
        .finally(() => io.abort());
    });
    const code = await main(['up', dir, '--no-pin', '--base-image', 'local/jupyter:3.11'], io);
    assert.equal(code, 130, io.stderr.join('\n'));
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/(lab)?\?token=\w+$/);
    assert.deepEqual(seen, { withToken: 200, without: 403 });
    // A kernel started for notebooks/explore.ipynb runs in notebooks/: the root package imports from there.
    const r = await docker([
      'run',
      '--rm',
      '--workdir',
      '/app/notebooks',
      tagOf(dir),
      'python',
      '-c',
      'from helpers import double; print(double(21))',
    ]);
    assert.deepEqual(r, { code: 0, out: '42\n' });
  },
);
