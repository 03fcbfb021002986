// Runs keep what they write, owned by whoever ran them (issue 26, defect 1): a script writing
// results/metrics.json, an app whose /train writes its model, and Jupyter saving a notebook through its
// contents API, each started with `ds-containers up` by root and by UID 1234 (the setup's dsc-dev user,
// through setpriv): the files are on the host afterwards, owned by that user, and the CLI says where
// they went. Before the fix a script's file died with its container and UID 1234's writes were refused.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { copyProject, FIXTURES, removeContainersOf, tagOf, cleanupDirs } from './helpers';

const CLI = path.join(__dirname, '..', '..', '..', 'dist', 'cli.js');
const OTHER = 1234; // not 1000, the image's default user
const dirs: string[] = [];

after(() => {
  for (const d of dirs) {
    removeContainersOf(d);
    spawnSync('docker', ['rmi', '-f', tagOf(d)]);
  }
  cleanupDirs();
});

/** A copy of the fixture owned by `uid`, as a user's own project is (its temp parent too). */
function projectOf(fixture: string, uid: number): string {
  const dir = copyProject(path.join(FIXTURES, 'projects', fixture), `outputs-${fixture.slice(8)}-${uid}`);
  dirs.push(dir);
  const own = (p: string) => {
    fs.chownSync(p, uid, uid);
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) own(path.join(p, e));
  };
  own(path.dirname(dir));
  return dir;
}

interface CliRun {
  lines: string[];
  /** Resolves with the first output line matching re. */
  waitFor(re: RegExp): Promise<string>;
  /** Ctrl-C, then the exit code. */
  interrupt(): Promise<number | null>;
  exit: Promise<number | null>;
}

/** `node dist/cli.js ARGS` as root (uid 0), or as `uid` with its groups (docker: the engine's socket). */
function cli(uid: number, args: string[]): CliRun {
  const argv =
    uid === 0
      ? [CLI, ...args]
      : ['--reuid', String(uid), '--regid', String(uid), '--init-groups', process.execPath, CLI, ...args];
  const p = spawn(uid === 0 ? process.execPath : 'setpriv', argv, {
    env: { ...process.env, HOME: '/tmp', DSC_TRACE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { re: RegExp; resolve: (l: string) => void }[] = [];
  const take = (stream: NodeJS.ReadableStream) => {
    let buf = '';
    stream.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      for (const l of parts) {
        lines.push(l);
        for (const w of waiters.filter((x) => x.re.test(l))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
    });
  };
  take(p.stdout);
  take(p.stderr);
  const exit = new Promise<number | null>((r) => p.on('close', (code) => r(code)));
  return {
    lines,
    exit,
    waitFor: (re) => {
      const seen = lines.find((l) => re.test(l));
      if (seen) return Promise.resolve(seen);
      return Promise.race([
        new Promise<string>((resolve) => waiters.push({ re, resolve })),
        exit.then((code) => {
          throw new Error(`the CLI exited (${code}) before printing ${re}:\n${lines.join('\n')}`);
        }),
      ]);
    },
    interrupt: () => {
      p.kill('SIGINT');
      return exit;
    },
  };
}

function assertOwned(file: string, uid: number, lines: string[]) {
  assert.ok(fs.existsSync(file), `${file} is not on the host:\n${lines.join('\n')}`);
  const st = fs.statSync(file);
  assert.deepEqual([st.uid, st.gid], [uid, uid], `${file} is owned by ${st.uid}:${st.gid}, not ${uid}`);
}

for (const uid of [0, OTHER]) {
  test(
    `a script's results/metrics.json is on the host, owned by UID ${uid}; the CLI says where`,
    { timeout: 300_000 },
    async () => {
      const dir = projectOf('outputs-script', uid);
      const run = cli(uid, ['up', dir, '--no-pin', '--base-image', 'python:3.11-slim']);
      assert.equal(await run.exit, 0, run.lines.join('\n'));
      assert.ok(run.lines.includes('saved results/metrics.json'), run.lines.join('\n'));
      const file = path.join(dir, 'results', 'metrics.json');
      assertOwned(file, uid, run.lines);
      assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).uid, uid, 'the script ran as the caller');
      assert.ok(
        run.lines.some((l) => /^outputs: results\/metrics\.json written in /.test(l)),
        run.lines.join('\n'),
      );
    },
  );

  test(`an app's /train writes its model on the host, owned by UID ${uid}`, { timeout: 300_000 }, async () => {
    const dir = projectOf('outputs-app', uid);
    const run = cli(uid, ['up', dir, '--no-pin', '--base-image', 'local/python:3.11-web']);
    try {
      const ready = await run.waitFor(/^port 8000 → http:\/\/127\.0\.0\.1:\d+$/);
      const url = ready.split('→ ')[1];
      const r = await fetch(`${url}/train`, { method: 'POST' });
      assert.equal(r.status, 200, await r.text());
    } finally {
      assert.equal(await run.interrupt(), 130, run.lines.join('\n'));
    }
    assertOwned(path.join(dir, 'models', 'model.json'), uid, run.lines);
    assert.ok(
      run.lines.some((l) => /^outputs: models\/model\.json written in /.test(l)),
      run.lines.join('\n'),
    );
  });

  test(`a notebook saved in Jupyter is on the host, owned by UID ${uid}`, { timeout: 300_000 }, async () => {
    const dir = projectOf('outputs-notebook', uid);
    const run = cli(uid, ['up', dir, '--no-pin', '--base-image', 'local/jupyter:3.11']);
    try {
      const ready = await run.waitFor(/^Jupyter is ready: /);
      const u = new URL(ready.replace(/^Jupyter is ready: (\S+).*$/, '$1'));
      const nb = { cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 };
      const r = await fetch(`${u.origin}/api/contents/saved.ipynb`, {
        method: 'PUT',
        headers: { Authorization: `token ${u.searchParams.get('token')}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'notebook', format: 'json', content: nb }),
      });
      assert.ok(r.ok, `contents API: ${r.status} ${await r.text()}`);
    } finally {
      assert.equal(await run.interrupt(), 130, run.lines.join('\n'));
    }
    assertOwned(path.join(dir, 'saved.ipynb'), uid, run.lines);
  });
}
