import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { captureIo } from './cli-io';

const FIX = path.resolve(__dirname, '../../../test/fixtures/dockerfile');

test('lint: a clean Dockerfile prints nothing and exits 0', async () => {
  const io = captureIo(FIX);
  assert.equal(await main(['lint', 'good.Dockerfile'], io), 0);
  assert.deepEqual([...io.stdout, ...io.stderr], []);
});

test('lint: each finding is FILE:LINE:COL: severity CODE: message (1-based), exit 1 on an error', async () => {
  const io = captureIo(FIX);
  assert.equal(await main(['lint', 'broken.Dockerfile'], io), 1);
  // syntax findings (numeric codes) and data-science rules (DSC) together, in line order
  assert.deepEqual(io.stdout, [
    'broken.Dockerfile:1:1: warning DSC004: No `USER` in the final stage: the container runs as root.',
    "broken.Dockerfile:2:1: warning ConsistentInstructionCasing: Command 'run' should match the case of the command majority (uppercase).",
    'broken.Dockerfile:2:9: warning DSC002: `pip install` keeps its download cache in the image: add `--no-cache-dir`.',
    'broken.Dockerfile:2:17: warning DSC007: Package installed by name without a version: the next build may install a different one.',
    'broken.Dockerfile:3:8: error DSC016: `EXPOSE 80000`: not a valid port (0–65535).',
    'broken.Dockerfile:4:6: error 40: Unknown flag: frm',
    'broken.Dockerfile:4:20: warning DSC018: `COPY` to a relative destination without a `WORKDIR`: where the files land depends on the base image.',
    'broken.Dockerfile:5:1: error 38: Unknown instruction: FROMM',
    'broken.Dockerfile:6:1: warning MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label.',
  ]);
  assert.deepEqual(io.stderr, []);
});

test('lint: warnings alone exit 0; several files are linted in order', async () => {
  const io = captureIo(FIX);
  assert.equal(await main(['lint', 'warning-only.Dockerfile', 'good.Dockerfile'], io), 0);
  assert.deepEqual(io.stdout, [
    'warning-only.Dockerfile:1:1: warning DSC004: No `USER` in the final stage: the container runs as root.',
    'warning-only.Dockerfile:2:1: warning MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label.',
  ]);
  const both = captureIo(FIX);
  assert.equal(await main(['lint', 'good.Dockerfile', 'broken.Dockerfile'], both), 1);
  assert.ok(both.stdout.every((l) => l.startsWith('broken.Dockerfile:')));
});

test('lint: a missing file or a directory is one line naming it, the others are still linted, exit 2, no stack', async () => {
  const io = captureIo(FIX);
  assert.equal(await main(['lint', 'warning-only.Dockerfile', 'nope/Dockerfile', 'broken.Dockerfile'], io), 2);
  assert.deepEqual(io.stderr, ['ds-containers lint: cannot read nope/Dockerfile: no such file']);
  assert.ok(
    io.stdout.some((l) => l.startsWith('warning-only.Dockerfile:1:1:')),
    'the file before it is linted',
  );
  assert.ok(
    io.stdout.some((l) => l.startsWith('broken.Dockerfile:5:1: error 38')),
    'the file after it is linted',
  );
  const dir = captureIo(path.dirname(FIX));
  assert.equal(await main(['lint', 'dockerfile'], dir), 2);
  assert.deepEqual(dir.stderr, ['ds-containers lint: cannot read dockerfile: is a directory, not a Dockerfile']);
});

test('lint: no file named is a usage error; an unknown option is named', async () => {
  const io = captureIo(FIX);
  assert.equal(await main(['lint'], io), 2);
  assert.match(io.stderr[0], /^ds-containers lint: name at least one Dockerfile/);
  const bad = captureIo(FIX);
  assert.equal(await main(['lint', '--fix', 'good.Dockerfile'], bad), 2);
  assert.deepEqual(bad.stderr, ['ds-containers lint: unknown option: --fix']);
});

test('lint: CopyIgnoredFile reads the .dockerignore beside the Dockerfile', async () => {
  const io = captureIo(path.join(FIX, 'ignored'));
  assert.equal(await main(['lint', 'Dockerfile'], io), 0);
  assert.deepEqual(io.stdout, [
    'Dockerfile:3:6: warning CopyIgnoredFile: Attempting to Copy file "data/raw.csv" that is excluded by .dockerignore.',
  ]);
});
