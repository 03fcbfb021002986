// Issue 27, defect 2 and 10: the arguments the project's own compose file runs its entry with, proposed by the
// shared workflow (editor preview and CLI scaffold) and written into CMD; the image tag written into the
// Dockerfile's `# Build:` comment and compose's `image:`, and read back from there by Build and Run.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { proposeSpec } from '../../src/node/containerize/propose';
import { generateCompose, generateDockerfile, SpecError } from '../../src/core/generate';
import { choicesFromDockerfile } from '../../src/core/generate/existing';
import { buildCommentTag, tagProblem } from '../../src/core/docker/tag';
import { projectTag } from '../../src/node/projectTag';
import { analysis, recordingIo } from './analysis-samples';
import { makeScaffoldCommand } from '../../src/cli/commands/scaffold';

function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-args-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

const cmdOf = (dockerfile: string) => /^CMD (.*)$/m.exec(dockerfile)?.[1];

test("proposeSpec takes the arguments of compose.yaml's command (list form), and CMD gets them as argv", async () => {
  const dir = folder({
    'compose.yaml': 'services:\n  app:\n    build: .\n    command: ["python", "train.py", "--epochs", "2"]\n',
    'train.py': 'print(1)\n',
  });
  const p = await proposeSpec(dir, analysis({ root: dir, localModules: ['train'] }), {});
  assert.equal(p.spec.entry, 'train.py');
  assert.deepEqual(p.spec.args, ['--epochs', '2']);
  assert.match(p.argsFrom ?? '', /^compose\.yaml:4 \(service app\) runs `python train\.py --epochs 2`$/);
  assert.equal(cmdOf(generateDockerfile(p.spec)), '["python", "train.py", "--epochs", "2"]');
  fs.rmSync(dir, { recursive: true });
});

test("proposeSpec: docker-compose.yml's string command gives its own script and arguments (unquoted)", async () => {
  const dir = folder({
    'docker-compose.yml':
      'services:\n  db:\n    image: postgres\n  trainer:\n    build: .\n' +
      '    command: python eval.py --data=banknote.csv --title "two words"\n',
    'train.py': 'print(1)\n',
    'eval.py': 'print(2)\n',
  });
  const a = analysis({ root: dir, localModules: ['train', 'eval'], entryArgs: ['--from-readme'] });
  const p = await proposeSpec(dir, a, {});
  assert.equal(p.spec.entry, 'eval.py', 'the script the project runs, not the one the scan guessed');
  assert.deepEqual(p.spec.args, ['--data=banknote.csv', '--title', 'two words']);
  assert.equal(
    cmdOf(generateDockerfile(p.spec)),
    '["python", "eval.py", "--data=banknote.csv", "--title", "two words"]',
  );
  // What the user types wins; an entry the user chose is not replaced by compose's.
  const typed = await proposeSpec(dir, a, { args: ['--fast'] });
  assert.deepEqual(typed.spec.args, ['--fast']);
  const chosen = await proposeSpec(dir, a, { entry: 'train.py' });
  assert.equal(chosen.spec.entry, 'train.py');
  assert.deepEqual(chosen.spec.args, ['--from-readme'], 'the analysis still gives its own entry its arguments');
  fs.rmSync(dir, { recursive: true });
});

test("proposeSpec: the current Dockerfile's arguments are kept; compose ${VAR} is not passed literally", async () => {
  const dir = folder({
    Dockerfile: 'FROM python:3.11-slim\nCMD ["python", "train.py", "--epochs", "9"]\n',
    'compose.yaml': 'services:\n  app:\n    build: .\n    command: python train.py --epochs 2\n',
    'train.py': 'print(1)\n',
  });
  const a = analysis({ root: dir, localModules: ['train'] });
  assert.deepEqual((await proposeSpec(dir, a, {})).spec.args, ['--epochs', '9']);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nCMD ["python", "train.py"]\n');
  assert.deepEqual(
    (await proposeSpec(dir, a, {})).spec.args,
    ['--epochs', '2'],
    'no arguments there: compose gives them',
  );
  fs.writeFileSync(
    path.join(dir, 'compose.yaml'),
    'services:\n  app:\n    build: .\n    command: python train.py --data ${DATA}\n',
  );
  const vars = await proposeSpec(dir, a, {});
  assert.equal(vars.spec.args, undefined);
  assert.ok(
    vars.notes.some((n) => n.level === 'warning' && n.file === 'compose.yaml:4' && /\$\{DATA\}/.test(n.message)),
  );
  fs.writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  app: [unclosed\n');
  const bad = await proposeSpec(dir, a, {});
  const note = bad.notes.find((n) => n.file?.startsWith('compose.yaml'));
  assert.match(
    `${note?.file}: ${note?.message}`,
    /^compose\.yaml:\d+: not read as YAML \(.*\): its command is not used$/,
  );
  fs.rmSync(dir, { recursive: true });
});

test('the image tag round-trips: # Build: comment and compose image: written, read back by Build and Run', async () => {
  const dir = folder({ 'train.py': 'print(1)\n' });
  const a = analysis({ root: dir, localModules: ['train'] });
  const p = await proposeSpec(dir, a, { tag: 'team/churn:1.0' });
  assert.equal(p.spec.tag, 'team/churn:1.0');
  const dockerfile = generateDockerfile(p.spec);
  assert.match(dockerfile, /^# Build: .* -t team\/churn:1\.0 \.$/m);
  assert.equal(buildCommentTag(dockerfile), 'team/churn:1.0');
  assert.match(generateCompose(p.spec), /^ {4}image: team\/churn:1\.0$/m);
  assert.equal(choicesFromDockerfile(dockerfile).tag, 'team/churn:1.0');
  // Before the Dockerfile exists the folder's name gives the tag; after, its comment does.
  assert.equal(projectTag(dir), `${path.basename(dir).toLowerCase()}:latest`);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  assert.equal(projectTag(dir), 'team/churn:1.0');
  // A second Containerize proposes the tag it wrote, not the folder's again.
  assert.equal((await proposeSpec(dir, a, {})).spec.tag, 'team/churn:1.0');
  // A user's Dockerfile without our comment, or with a tag Docker refuses there: the folder's name.
  fs.writeFileSync(path.join(dir, 'Dockerfile'), '# Build: docker build -t Bad:Tag .\nFROM python:3.11-slim\n');
  assert.equal(projectTag(dir), `${path.basename(dir).toLowerCase()}:latest`);
  fs.rmSync(dir, { recursive: true });
});

test('a tag Docker would refuse is one clear line, in the preview and from proposeSpec', async () => {
  assert.equal(tagProblem('my-project:latest'), undefined);
  assert.equal(tagProblem('127.0.0.1:5000/team/model:v2'), undefined);
  assert.equal(
    tagProblem('My-Project:v1'),
    '"My-Project:v1": Docker refuses upper-case letters in an image name; use my-project:v1',
  );
  assert.match(tagProblem('my project')!, /has a space/);
  assert.match(tagProblem('x\n RUN rm -rf /')!, /has a space/, 'a newline never reaches the comment');
  assert.match(tagProblem('model:-1')!, /the tag after ":"/);
  assert.match(tagProblem('model@sha256:' + 'a'.repeat(64))!, /digest/);
  assert.match(tagProblem('')!, /empty/);
  assert.match(tagProblem('a'.repeat(300))!, /too long/);
  for (const bad of ['My-Project:v1', 'a b', 'x:-1', '']) assert.ok(!tagProblem(bad)!.includes('\n'), 'one line');
  const dir = folder({ 'train.py': 'print(1)\n' });
  await assert.rejects(
    proposeSpec(dir, analysis({ root: dir, localModules: ['train'] }), { tag: 'Team/Churn' }),
    (e) => e instanceof SpecError && /^image tag "Team\/Churn": Docker refuses upper-case/.test(e.message),
  );
  fs.rmSync(dir, { recursive: true });
});

test('scaffold (the CLI) proposes the compose arguments too, and --tag goes into the Dockerfile and compose', async () => {
  const dir = folder({
    'docker-compose.yml': 'services:\n  app:\n    build: .\n    command: ["python", "train.py", "--epochs", "2"]\n',
    'train.py': 'print(1)\n',
  });
  const io = recordingIo(dir);
  const cmd = makeScaffoldCommand(async (root) => analysis({ root, localModules: ['train'] }));
  assert.equal(await cmd.run(['.', '--tag', 'team/train:2'], io), 0, io.stderr.join('\n'));
  assert.ok(io.stdout.includes('Start: python train.py --epochs 2'));
  assert.ok(io.stdout.includes('Arguments: docker-compose.yml:4 (service app) runs `python train.py --epochs 2`.'));
  const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  assert.equal(cmdOf(dockerfile), '["python", "train.py", "--epochs", "2"]');
  assert.equal(projectTag(dir), 'team/train:2');
  await assert.rejects(
    cmd.run(['.', '--tag', 'Team/Train'], recordingIo(dir)),
    /^Error: image tag "Team\/Train": Docker refuses/,
  );
  fs.rmSync(dir, { recursive: true });
});

test('proposeSpec: no entry found, but the compose command names one: that is the entry, nothing is asked', async () => {
  const dir = folder({
    'compose.yaml': 'services:\n  app:\n    build: .\n    command: ["sh", "-c", "python run_all.py --fast"]\n',
    'run_all.py': 'import lib\n',
  });
  const a = analysis({ root: dir, entry: undefined, localModules: ['run_all', 'lib'] });
  const p = await proposeSpec(dir, a, {}, { chooseEntry: async () => assert.fail('asked for an entry') });
  assert.equal(p.spec.entry, 'run_all.py');
  assert.deepEqual(p.spec.args, ['--fast']);
  fs.rmSync(dir, { recursive: true });
});
