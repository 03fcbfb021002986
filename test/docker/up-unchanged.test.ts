// `up` on a built, unchanged project runs the image it built without a build (the image's inputs label
// matches), and that image is the one a build would give; whatever a build would see differently builds
// again: an edit, a new file, a file's mode, the base image tag moved, the project's tag moved elsewhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { INPUTS_LABEL } from '../../src/node/docker/buildInputs';
import { buildProject } from '../../src/node/docker/build';
import { buildingEngine, captureIo, FIXTURES } from './helpers';

const { engine, track, copy } = buildingEngine();

test('up: unchanged → the built image runs without a build; each change a build would see → a build', async () => {
  const rand = Math.random().toString(36).slice(2, 7);
  const baseRepo = `dsc-test-unchanged-base-${rand}`;
  track(`${baseRepo}:1`);
  await engine.tagImage('python:3.11-slim', baseRepo, '1');
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-')), `dsc-test-build-unchanged-${rand}`);
  fs.mkdirSync(dir);
  const tag = track(`${path.basename(dir)}:latest`);
  const write = (f: string, text: string) => fs.writeFileSync(path.join(dir, f), text);
  write('Dockerfile', `FROM ${baseRepo}:1\nWORKDIR /app\nCOPY . .\nCMD ["python", "main.py"]\n`);
  write('main.py', 'import os\nprint(open("message.txt").read().strip(), sorted(os.listdir(".")))\n');
  write('message.txt', 'hello 1\n');
  write('requirements.txt', '');
  write('compose.yaml', 'services:\n  app:\n    build: .\n');
  write('.dockerignore', '*.log\n');

  const up = async () => {
    const io = captureIo();
    // --no-mount: the script lists the image's own /app (runs mount the project by default).
    assert.equal(await main(['up', dir, '--no-mount'], io), 0, io.stderr.join('\n'));
    const built = io.stdout.some((l) => /^built /.test(l));
    const unchanged = io.stdout.some(
      (l) =>
        l.startsWith(`${tag} (`) && l.endsWith('is up to date: no change to its context, Dockerfile or base image'),
    );
    assert.ok(built !== unchanged, io.stdout.join('\n'));
    const image = (await engine.imageSummary(tag))!;
    return {
      built,
      out: io.stdout.filter((l) => l.startsWith('hello')),
      id: image.id,
      label: image.labels[INPUTS_LABEL],
    };
  };
  // What the script lists in /app, as Python prints a list: the context (train.log is .dockerignore'd).
  const files = (...more: string[]) =>
    `[${['.dockerignore', 'Dockerfile', 'compose.yaml', 'main.py', 'message.txt', 'requirements.txt', ...more]
      .sort()
      .map((f) => `'${f}'`)
      .join(', ')}]`;

  const first = await up();
  assert.equal(first.built, true);
  assert.match(first.label, /^[0-9a-f]{64}$/);
  assert.deepEqual(first.out, [`hello 1 ${files()}`]);

  const second = await up();
  assert.deepEqual({ ...second }, { ...first, built: false }, 'no build, the same image, the same run');
  // What the skipped build would have given: a build of the same inputs tags the very same image.
  assert.equal(await main(['build', dir], captureIo()), 0);
  assert.equal((await engine.imageSummary(tag))!.id, first.id);

  // Modification times are not inputs (Docker's cache ignores them); a file .dockerignore keeps out is not one.
  const past = new Date(Date.now() - 3600_000);
  fs.utimesSync(path.join(dir, 'message.txt'), past, past);
  write('train.log', 'epoch 1\n');
  assert.equal((await up()).built, false);

  write('message.txt', 'hello 2\n');
  const edited = await up();
  assert.equal(edited.built, true, 'an edit builds');
  assert.deepEqual(edited.out, [`hello 2 ${files()}`]);
  assert.notEqual(edited.id, first.id);
  assert.equal((await up()).built, false);

  write('extra.py', '');
  const added = await up();
  assert.equal(added.built, true, 'a new file builds');
  assert.deepEqual(added.out, [`hello 2 ${files('extra.py')}`]);

  fs.chmodSync(path.join(dir, 'extra.py'), 0o755);
  assert.equal((await up()).built, true, "a file's mode builds");
  assert.equal((await up()).built, false);

  // The base image's tag now names another image: a build would start from it.
  await engine.tagImage('local/python:3.11-web', baseRepo, '1');
  const rebased = await up();
  assert.equal(rebased.built, true, 'a moved base image builds');
  assert.deepEqual(rebased.out, [`hello 2 ${files('extra.py')}`]);
  assert.equal((await up()).built, false);

  // The project's tag now names an image we did not build (another tool's build, a pull).
  const [repo, t] = tag.split(':');
  await engine.tagImage('python:3.11-slim', repo, t);
  const retagged = await up();
  assert.equal(retagged.built, true, 'a tag moved to another image builds');
  assert.equal(retagged.id, rebased.id, "the cache's image again");
});

test('a file written while the build runs: the image is not trusted as up to date, the next up builds', async () => {
  const { dir, tag } = copy(path.join(FIXTURES, 'build-run', 'script-stats'));
  let wrote = false;
  const first = await buildProject(engine, {
    dir,
    tag,
    reuseUnchanged: true,
    // Once the engine has the context (COPY . . starts after it is loaded), the script changes under the build.
    onEvent: (e) => {
      if (wrote || e.kind !== 'step' || !e.step.name.includes('COPY . .')) return;
      fs.appendFileSync(path.join(dir, 'main.py'), 'print("edited during the build")\n');
      wrote = true;
    },
  });
  assert.ok(first.ok && wrote, first.error);
  assert.equal((await engine.imageSummary(tag))!.labels[INPUTS_LABEL], 'changed-during-build');
  const io = captureIo();
  assert.equal(await main(['up', dir], io), 0, io.stderr.join('\n'));
  assert.ok(
    io.stdout.some((l) => /^built /.test(l)),
    io.stdout.join('\n'),
  );
  assert.deepEqual(io.stdout.slice(-2), ['mean 4.5', 'edited during the build']);
  const again = captureIo();
  assert.equal(await main(['up', dir], again), 0, again.stderr.join('\n'));
  assert.match(again.stdout.join('\n'), /is up to date/);
});
