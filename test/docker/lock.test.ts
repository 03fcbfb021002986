// Issue 9 on the real engine: scaffold --pins image, build, lock = pip freeze, a --no-cache rebuild
// installs exactly the lock, check passes and then names a changed version; both builders. Then the
// base pinned by digest from a real registry on 127.0.0.1, and bad input (one line each, nothing overwritten).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { buildProject } from '../../src/node/docker/build';
import { parseLock } from '../../src/core/environment/lockfile';
import { buildingEngine, captureIo, FIXTURES } from './helpers';
import { registryAvailable, startRegistry } from './registry';

const { engine, track, copy } = buildingEngine();

function freeze(tag: string): string[] {
  const out = execFileSync('docker', ['run', '--rm', '--network', 'none', '--entrypoint', 'pip', tag, 'freeze'], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

function locked(dir: string): string[] {
  return parseLock(fs.readFileSync(path.join(dir, 'requirements.lock'), 'utf8'))
    .entries.map((e) => `${e.name}==${e.version}`)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
}

for (const [builder, env] of [
  ['BuildKit', {}],
  ['classic builder', { DOCKER_BUILDKIT: '0' }],
] as const) {
  test(`${builder}: --pins image, build, lock = pip freeze, --no-cache rebuild = lock, check passes then names the package`, async () => {
    const { dir, tag } = copy(
      path.join(FIXTURES, 'build-run', 'script-stats'),
      `lock9-${builder.split(' ')[0].toLowerCase()}`,
    );
    for (const f of ['Dockerfile', 'requirements.txt', 'compose.yaml']) fs.rmSync(path.join(dir, f), { force: true });
    const io = captureIo({ ...process.env, ...env });
    assert.equal(
      await main(['scaffold', dir, '--pins', 'image', '--base-image', 'local/python:3.11-scipy'], io),
      0,
      io.stderr.join('\n'),
    );
    const reqs = fs.readFileSync(path.join(dir, 'requirements.txt'), 'utf8');
    assert.match(reqs, /^numpy==1\.24\.2$/m, reqs);
    assert.match(reqs, /^pandas==1\.5\.3$/m, reqs);
    const built = await buildProject(engine, { dir, tag, env });
    assert.ok(built.ok, built.error);
    assert.equal(built.buildkit, builder === 'BuildKit');
    const lockIo = captureIo(io.env);
    assert.equal(await main(['lock', dir], lockIo), 0, lockIo.stderr.join('\n'));
    assert.match(
      lockIo.stdout[0],
      /requirements\.lock: written: \d+ distributions from .* \(Python 3\.11\.\d+, base local\/python:3\.11-scipy \(no registry digest\)\)/,
    );
    const first = freeze(tag);
    assert.deepEqual(locked(dir), first);
    assert.ok(first.length >= 31, String(first.length));
    // Locking the same image again leaves the file alone.
    const mtime = fs.statSync(path.join(dir, 'requirements.lock')).mtimeMs;
    const again = captureIo(io.env);
    assert.equal(await main(['lock', dir], again), 0);
    assert.match(again.stdout[0], /requirements\.lock: unchanged/);
    assert.equal(fs.statSync(path.join(dir, 'requirements.lock')).mtimeMs, mtime);
    // A rebuild without cache installs through the lock and gets exactly it.
    const rebuilt = await buildProject(engine, { dir, tag, env, noCache: true });
    assert.ok(rebuilt.ok, rebuilt.error);
    // The install step runs again (BuildKit may still report its own internal steps as cached).
    const install = rebuilt.steps.filter((s) => /pip install/.test(s.name));
    assert.ok(
      install.length && install.every((s) => !s.cached),
      rebuilt.steps.map((s) => `${s.name} ${s.cached}`).join('\n'),
    );
    assert.deepEqual(freeze(tag), locked(dir));
    const check = captureIo(io.env);
    assert.equal(await main(['check', dir], check), 0, check.stderr.join('\n'));
    assert.match(check.stdout.at(-1)!, /matches requirements\.lock$/);
    // One changed version in the lock: check names the package at its line, exit 1.
    const lockFile = path.join(dir, 'requirements.lock');
    const text = fs.readFileSync(lockFile, 'utf8');
    fs.writeFileSync(lockFile, text.replace(/^numpy==1\.24\.2$/m, 'numpy==1.24.3'));
    const line = text.split('\n').indexOf('numpy==1.24.2') + 1;
    const drift = captureIo(io.env);
    assert.equal(await main(['check', dir], drift), 1);
    assert.ok(
      drift.stderr.some((l) =>
        l.endsWith(`requirements.lock:${line}: error: numpy is 1.24.2 in the image, the lock says 1.24.3`),
      ),
      drift.stderr.join('\n'),
    );
  });
}

test('bad input: a broken lock line, another Python, a lock newer than the image, an image without Python: one line, nothing overwritten', async () => {
  const { dir, tag } = copy(path.join(FIXTURES, 'build-run', 'script-stats'), 'lock9-bad');
  assert.ok((await buildProject(engine, { dir, tag, env: { DOCKER_BUILDKIT: '0' } })).ok);
  const lockFile = path.join(dir, 'requirements.lock');
  const cases: [string, string, RegExp][] = [
    [
      'broken',
      '# python: 3.11.2\nnumpy=1.24.2\n',
      /^ds-containers lock: requirements\.lock:2: cannot read "numpy=1\.24\.2": expected name==version; fix or delete the line; it is left as it is \(--force replaces it\)$/,
    ],
    [
      'python',
      '# python: 3.9.18\nsix==1.16.0\n',
      /^ds-containers lock: requirements\.lock:1: the lock is for Python 3\.9\.18, .* has Python 3\.11\.\d+; it is left as it is/,
    ],
    [
      'newer',
      `# image: sha256:${'e'.repeat(64)} (created 2099-01-01T00:00:00.000Z)\n# python: 3.11.2\nsix==1.16.0\n`,
      /^ds-containers lock: requirements\.lock:1: the lock was written from a newer image than /,
    ],
  ];
  for (const [name, text, message] of cases) {
    fs.writeFileSync(lockFile, text);
    const io = captureIo();
    assert.equal(await main(['lock', path.relative(io.cwd, dir)], io), 1, name);
    assert.equal(io.stderr.length, 1, io.stderr.join('\n'));
    assert.match(
      io.stderr[0].replace(/^ds-containers lock: .*?requirements\.lock/, 'ds-containers lock: requirements.lock'),
      message,
    );
    assert.equal(fs.readFileSync(lockFile, 'utf8'), text, `${name}: nothing overwritten`);
    const check = captureIo();
    assert.equal(await main(['check', dir], check), 1, name);
  }
  const noPython = 'dsc-test-lock9-nopython-lock:latest';
  track(noPython);
  execFileSync('docker', ['build', '-q', '-t', noPython, '-'], {
    input: 'FROM python:3.11-slim\nRUN rm -f /usr/bin/python /usr/bin/python3 /usr/bin/python3.*\n',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  fs.rmSync(lockFile);
  const io = captureIo();
  assert.equal(await main(['lock', dir, '--tag', noPython], io), 1);
  assert.deepEqual(io.stderr, [
    `ds-containers lock: ${noPython}: no Python in the image (neither python nor python3 is on its PATH)`,
  ]);
  assert.ok(!fs.existsSync(lockFile));
});

test(
  'digest pinning against a real registry on 127.0.0.1: push a base, build FROM it, lock, --fix pins the digest, the pinned build works',
  { skip: !registryAvailable() && 'docker-registry is not installed (scripts/setup.sh)' },
  async () => {
    const reg = await startRegistry();
    const base = `${reg.host}/lock9-python:3.11-slim`;
    track(base);
    try {
      execFileSync('docker', ['tag', 'python:3.11-slim', base]);
      execFileSync('docker', ['push', base], { stdio: 'ignore' });
      const { dir, tag } = copy(path.join(FIXTURES, 'build-run', 'script-stats'), 'lock9-digest');
      for (const f of ['Dockerfile', 'requirements.txt', 'compose.yaml']) fs.rmSync(path.join(dir, f), { force: true });
      fs.writeFileSync(path.join(dir, 'main.py'), 'import json\nprint(json.dumps({"ok": True}))\n');
      const io = captureIo();
      assert.equal(await main(['scaffold', dir, '--base-image', base, '--pins', 'none'], io), 0, io.stderr.join('\n'));
      assert.ok((await buildProject(engine, { dir, tag })).ok);
      const lock = captureIo();
      assert.equal(await main(['lock', dir], lock), 0, lock.stderr.join('\n'));
      const header = parseLock(fs.readFileSync(path.join(dir, 'requirements.lock'), 'utf8')).header;
      assert.equal(header.base, base);
      assert.match(header.baseDigest ?? '', /^sha256:[0-9a-f]{64}$/);
      const dockerfile = path.join(dir, 'Dockerfile');
      const before = fs.readFileSync(dockerfile, 'utf8');
      assert.ok(
        lock.stdout.some((l) => /Dockerfile: Pin the base image to .*@sha256:/.test(l)),
        lock.stdout.join('\n'),
      );
      assert.equal(fs.readFileSync(dockerfile, 'utf8'), before, 'without --fix only a diff');
      const fix = captureIo();
      assert.equal(await main(['lock', dir, '--fix'], fix), 0, fix.stderr.join('\n'));
      assert.match(
        fs.readFileSync(dockerfile, 'utf8'),
        new RegExp(`^FROM ${base.replace(/[.:/]/g, '\\$&')}@${header.baseDigest}$`, 'm'),
      );
      const pinned = await buildProject(engine, { dir, tag, noCache: true });
      assert.ok(pinned.ok, pinned.error);
      const run = captureIo();
      assert.equal(await main(['run', dir], run), 0, run.stderr.join('\n'));
      assert.ok(run.stdout.includes('{"ok": true}'), run.stdout.join('\n'));
    } finally {
      await reg.stop();
    }
  },
);
