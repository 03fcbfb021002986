import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { decodeBuildKitStatus } from '../../src/core/docker/buildkit';
import { BuildProgress, causeLine, unreachableBase } from '../../src/core/docker/buildProgress';
import { findStepInstruction, locateBuildError, listInstructions } from '../../src/core/dockerfile/instructions';

const FIX = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'docker');
const messages = () =>
  fs
    .readFileSync(path.join(FIX, 'buildkit-failed.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

test('a real BuildKit trace decodes into vertexes with names, cache flags and logs', () => {
  const all = messages()
    .filter((m) => m.id === 'moby.buildkit.trace')
    .map((m) => decodeBuildKitStatus(m.aux));
  const names = new Set(all.flatMap((s) => s.vertexes.map((v) => v.name)));
  assert.ok(names.has('[2/4] WORKDIR /app'), [...names].join(' | '));
  assert.ok([...names].some((n) => n.startsWith('[4/4] RUN echo "some output"')));
  assert.ok(all.some((s) => s.logs.some((l) => l.text.includes('some output'))));
  assert.ok(all.some((s) => s.vertexes.some((v) => /exit code: 7/.test(v.error))));
});

test('BuildProgress: a failed BuildKit build is a report, not an exception, and names the failing step', () => {
  const p = new BuildProgress();
  const events = messages().flatMap((m) => p.feed(m));
  const r = p.report();
  assert.equal(r.ok, false);
  assert.match(r.error ?? '', /exit code: 7/);
  assert.match(r.failedStep?.name ?? '', /^\[4\/4\] RUN echo "some output"/);
  assert.ok(events.some((e) => e.kind === 'step' && e.index === 2 && e.total === 4));
  assert.ok(r.tail.includes('some output'));
});

test('the failure maps to the RUN line, including a continued line', () => {
  const df = fs.readFileSync(path.join(FIX, 'buildkit-failed.Dockerfile'), 'utf8');
  const p = new BuildProgress();
  for (const m of messages()) p.feed(m);
  const r = p.report();
  const loc = locateBuildError(df, r.error!, r.failedStep?.name);
  assert.equal(loc.line, 3);
  assert.equal(loc.endLine, 4);
});

test('classic builder stream: steps, cache, image id and the failed step', () => {
  const p = new BuildProgress();
  p.feed({ stream: 'Step 1/3 : FROM python:3.11-slim\n' });
  p.feed({ stream: ' ---> 9eb145026eef\n' });
  p.feed({ stream: 'Step 2/3 : WORKDIR /app\n' });
  p.feed({ stream: ' ---> Using cache\n' });
  p.feed({ stream: 'Step 3/3 : RUN exit 3\n' });
  p.feed({ stream: ' ---> Running in abc\n' });
  p.feed({
    errorDetail: { code: 3, message: "The command '/bin/sh -c exit 3' returned a non-zero code: 3" },
    error: 'x',
  });
  const r = p.report();
  assert.equal(r.ok, false);
  assert.equal(r.steps[1].cached, true);
  assert.equal(r.failedStep?.name, '[3/3] RUN exit 3');
  const loc = locateBuildError('FROM python:3.11-slim\nWORKDIR /app\n\nRUN exit 3\n', r.error!, r.failedStep?.name);
  assert.equal(loc.line, 3);
  const ok = new BuildProgress();
  ok.feed({ aux: { ID: 'sha256:abc' } });
  assert.equal(ok.report().ok, true);
  assert.equal(ok.report().imageId, 'sha256:abc');
});

test("a failed step's cause is its first ERROR / Error: line, not the builder's wrapper (issue 12)", () => {
  const p = new BuildProgress();
  p.feed({ stream: 'Step 1/2 : FROM python:3.11-slim\n' });
  p.feed({ stream: 'ERROR: not this one, it belongs to another step\n' });
  p.feed({ stream: 'Step 2/2 : RUN pip install --no-cache-dir -r requirements.txt\n' });
  p.feed({ stream: 'Collecting pandas==2.2.2\n' });
  p.feed({
    stream: 'ERROR: Could not find a version that satisfies the requirement numpy==2.4.6 (from versions: none)\n',
  });
  p.feed({ stream: 'ERROR: No matching distribution found for numpy==2.4.6\n' });
  p.feed({ errorDetail: { message: "The command '/bin/sh -c pip install' returned a non-zero code: 1" }, error: 'x' });
  const r = p.report();
  assert.equal(
    r.cause,
    'ERROR: Could not find a version that satisfies the requirement numpy==2.4.6 (from versions: none)',
  );
  assert.match(r.error ?? '', /returned a non-zero code/);
  assert.equal(
    causeLine([
      'Traceback (most recent call last):',
      '  File "<string>", line 1',
      "ModuleNotFoundError: No module named 'numpy'",
    ]),
    "ModuleNotFoundError: No module named 'numpy'",
  );
  assert.equal(
    causeLine(["\x1b[91mModuleNotFoundError: No module named 'numpy'\x1b[0m"]),
    "ModuleNotFoundError: No module named 'numpy'",
  );
  assert.equal(causeLine(['E: Unable to locate package libfoo']), 'E: Unable to locate package libfoo');
  assert.equal(causeLine(['some output', 'error handling is fine here? no: lower-case prose']), undefined);
  // A BuildKit step that printed no such line is told by its last line of output, not the wrapper.
  const bk = new BuildProgress();
  for (const m of messages()) bk.feed(m);
  assert.equal(bk.report().cause, 'some output');
});

const recorded = (name: string) =>
  fs
    .readFileSync(path.join(FIX, name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

test('a shell failure is told by its own stderr line, joined across BuildKit chunks, not the executor wrapper', () => {
  // Recorded from the engine here: `RUN pyhton -c 1` on python:3.11-slim.
  const p = new BuildProgress();
  for (const m of recorded('buildkit-not-found.jsonl')) p.feed(m);
  const r = p.report();
  assert.match(r.error ?? '', /^executor failed running/);
  assert.equal(r.cause, '/bin/sh: 1: pyhton: not found');
  const loc = locateBuildError('FROM python:3.11-slim\nRUN pyhton -c 1\n', r.cause!, r.failedStep?.name);
  assert.deepEqual([loc.line, loc.message], [1, '/bin/sh: 1: pyhton: not found']);
});

test('a base image that is neither here nor reachable is said so, at its FROM line', () => {
  // Recorded offline: `FROM python:3.99-slim`, BuildKit's "failed to create LLB definition … no such host".
  const p = new BuildProgress();
  for (const m of recorded('buildkit-no-base.jsonl')) p.feed(m);
  const r = p.report();
  assert.match(r.error ?? '', /failed to create LLB definition/);
  assert.equal(
    r.cause,
    'python:3.99-slim is not on this machine and its registry cannot be reached: pick a local base image',
  );
  const df = 'FROM local/python:3.11-scipy AS deps\nRUN echo\nFROM --platform=linux/amd64 python:3.99-slim\n';
  assert.equal(locateBuildError(df, r.cause!, r.failedStep?.name).line, 2);
  assert.equal(
    unreachableBase(
      'failed to resolve source metadata for docker.io/acme/tool:1.2: failed to do request: dial tcp: i/o timeout',
    ),
    'acme/tool:1.2 is not on this machine and its registry cannot be reached: pick a local base image',
  );
  assert.equal(unreachableBase('pull access denied for x, repository does not exist'), undefined);
});

test('step names find their instruction: stages, FROM with alias, shortened names', () => {
  const df =
    'FROM python:3.11-slim AS build\nRUN pip wheel .\nFROM python:3.11-slim\nCOPY --from=build /w /w\nRUN pip install /w/*.whl && \\\n  rm -rf /w\n';
  assert.equal(findStepInstruction(df, '[build 2/2] RUN pip wheel .')?.line, 1);
  assert.equal(findStepInstruction(df, '[stage-1 3/3] RUN pip install /w/*.whl &&   rm -rf /w')?.line, 4);
  assert.equal(findStepInstruction(df, '[stage-1 1/3] FROM docker.io/library/python:3.11-slim')?.line, 2);
  assert.equal(findStepInstruction(df, '[stage-1 2/3] COPY --from=build /w /w')?.line, 3);
  assert.equal(findStepInstruction(df, '[stage-1 3/3] RUN pip install /w/*.whl...')?.line, 4);
  assert.deepEqual(
    listInstructions(df).map((i) => i.stage),
    [0, 0, 1, 1, 1],
  );
});

test('a step whose text has build args expanded is found by its position in the stage', () => {
  const df =
    'FROM python:3.11-slim\nENV A=1\nWORKDIR /app\nARG UID=1000\nRUN useradd --uid "${UID}" app \\\n    && chown "${UID}" /app\nCOPY --chown=${UID} . .\nUSER ${UID}\nCMD ["python"]\n';
  assert.equal(findStepInstruction(df, '[3/4] RUN useradd --uid "1000" app     && chown "1000" /app')?.line, 4);
  assert.equal(findStepInstruction(df, '[4/4] COPY --chown=1000 . .')?.line, 6);
  assert.equal(
    findStepInstruction(df, '[4/5] COPY --chown=1000 . .'),
    undefined,
    'a count that does not fit is not guessed',
  );
  const multi = 'FROM a AS builder\nRUN make ${X}\nFROM b\nCOPY --from=builder /o /o\n';
  assert.equal(findStepInstruction(multi, '[builder 2/2] RUN make 1')?.line, 1);
  assert.equal(findStepInstruction(multi, '[stage-1 2/2] COPY --from=builder /o /x')?.line, 3);
});

test('a Dockerfile syntax error names its own line', () => {
  const loc = locateBuildError(
    'FROM x\nRUNN y\n',
    'failed to solve with frontend dockerfile.v0: failed to create LLB definition: dockerfile parse error line 2: unknown instruction: RUNN',
  );
  assert.equal(loc.line, 1);
});
