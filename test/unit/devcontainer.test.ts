// devcontainer.json: the generator (golden files), the compose variant, the lint and its fixes, and the
// scaffold that writes it. Refresh the golden files with
//   npm run build && UPDATE_GOLDEN=1 node --test out/test/unit/devcontainer.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { composeDevServiceOf, devcontainerGpu, generateCompose, generateDevcontainer } from '../../src/core/generate';
import { lintDevcontainer } from '../../src/core/devcontainer/lint';
import { applyEdits } from '../../src/core/edits';
import { makeScaffoldCommand } from '../../src/cli/commands/scaffold';
import { main } from '../../src/cli/main';
import { goldenCases } from './generate-cases';
import { analysis, recordingIo, req } from './analysis-samples';

const goldenDir = path.resolve(__dirname, '../../../test/unit/golden-devcontainer');
const update = process.env.UPDATE_GOLDEN === '1';
const cases = [
  'script',
  'jupyter',
  'jupyter-on-jupyter-image',
  'app-streamlit',
  'gpu',
  'gpu-cuda-base',
  'env-file-and-data',
];
const parse = (text: string) => JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));

for (const name of cases) {
  test(`golden devcontainer: ${name}`, () => {
    const text = generateDevcontainer(goldenCases[name], { name: `demo-${name}` });
    const golden = path.join(goldenDir, `${name}.json`);
    if (update) {
      fs.mkdirSync(goldenDir, { recursive: true });
      fs.writeFileSync(golden, text);
      return;
    }
    assert.equal(text, fs.readFileSync(golden, 'utf8'), `${name}.json differs from its golden file`);
  });
}

test('golden devcontainer: compose variant (the project runs with a database)', () => {
  const text = generateDevcontainer(goldenCases['jupyter'], {
    name: 'demo',
    compose: { file: 'compose.yaml', service: 'app' },
  });
  const golden = path.join(goldenDir, 'compose.json');
  if (update) {
    fs.writeFileSync(golden, text);
    return;
  }
  assert.equal(text, fs.readFileSync(golden, 'utf8'));
});

test('devcontainer: the Dockerfile from the project folder, code where the image keeps it, non-root user with your UID', () => {
  const c = parse(generateDevcontainer(goldenCases['script'], { name: 'x' }));
  assert.deepEqual(c.build, { dockerfile: '../Dockerfile', context: '..' });
  assert.equal(c.workspaceFolder, '/app');
  assert.equal(c.workspaceMount, 'source=${localWorkspaceFolder},target=/app,type=bind');
  assert.equal(c.remoteUser, 'app');
  assert.equal(c.containerUser, 'app');
  assert.equal(c.updateRemoteUserUID, true);
  assert.equal(c.overrideCommand, true, 'a script would end the container: Dev Containers keeps it up');
  assert.equal(c.features, undefined, 'features are downloaded at build time');
  assert.deepEqual(c.customizations.vscode.extensions, [
    'ms-python.python',
    'ms-toolsai.jupyter',
    'ds-containers.ds-containers',
  ]);
  const j = parse(generateDevcontainer(goldenCases['jupyter'], { name: 'x' }));
  assert.deepEqual(j.forwardPorts, [8888]);
  assert.equal(j.overrideCommand, false, 'the Jupyter server (CMD) runs');
  assert.equal(j.appPort, undefined, 'forwardPorts, never a port published on every interface');
  assert.equal(
    parse(generateDevcontainer(goldenCases['jupyter-on-jupyter-image'], { name: 'x' })).remoteUser,
    'jovyan',
  );
});

test('devcontainer GPU: one small function from the spec gpu field; runArgs is an array', () => {
  assert.deepEqual(devcontainerGpu({ gpu: false }), { runArgs: [] });
  const c = parse(generateDevcontainer(goldenCases['gpu'], { name: 'x' }));
  assert.deepEqual(c.hostRequirements, { gpu: 'optional' });
  assert.ok(Array.isArray(c.runArgs) && c.runArgs.includes('--shm-size=1g'));
  assert.equal(parse(generateDevcontainer(goldenCases['script'], { name: 'x' })).hostRequirements, undefined);
  const env = parse(generateDevcontainer(goldenCases['env-file-and-data'], { name: 'x' }));
  assert.deepEqual(env.runArgs, ['--env-file', '${localWorkspaceFolder}/.env']);
});

test('devcontainer: the generated files pass our own devcontainer lint', () => {
  for (const name of cases) {
    const text = generateDevcontainer(goldenCases[name], { name });
    assert.deepEqual(lintDevcontainer(text, { exists: (p) => p === '../Dockerfile' }), [], name);
  }
});

test('compose variant only when the compose file runs other services beside the one built from the project', () => {
  assert.equal(composeDevServiceOf(generateCompose(goldenCases['jupyter'])), undefined, 'our own one-service file');
  const withDb =
    'services:\n  db:\n    image: postgres:16\n  notebook:\n    build: .\n    ports: ["127.0.0.1:8888:8888"]\n';
  assert.equal(composeDevServiceOf(withDb), 'notebook');
  assert.equal(
    composeDevServiceOf('services:\n  app:\n    build: {context: .}\n  cache:\n    image: redis:7\n'),
    'app',
  );
  assert.equal(
    composeDevServiceOf('services:\n  a:\n    image: x\n  b:\n    image: y\n'),
    undefined,
    'nothing built here',
  );
  assert.equal(composeDevServiceOf('services: [broken'), undefined);
});

const exists = (p: string) => p === '../Dockerfile';
const codes = (text: string) => lintDevcontainer(text, { exists }).map((f) => f.code);

test('lint DSC201: an unknown Dockerfile path, with a fix to the project Dockerfile', () => {
  const text = '{\n  // comment\n  "build": { "dockerfile": "Dockerfile", "context": ".." },\n}\n';
  const [f] = lintDevcontainer(text, { exists });
  assert.equal(f.code, 'DSC201');
  assert.deepEqual([f.line, f.col], [2, 27]);
  assert.equal(f.severity, 'error');
  assert.equal(parse(applyEdits(text, f.fixes[0].edits).replace(/,\n}/, '\n}')).build.dockerfile, '../Dockerfile');
  assert.deepEqual(codes('{"dockerFile": "../Dockerfile"}'), []);
  assert.deepEqual(
    lintDevcontainer('{"dockerFile": "nope"}', { exists: () => false })[0].fixes,
    [],
    'no fix without a project Dockerfile',
  );
});

test('lint DSC202: root as the remote or container user, fixed to the image user', () => {
  const text = '{"remoteUser": "root", "containerUser": "0"}';
  const found = lintDevcontainer(text, { exists, user: 'jovyan' });
  assert.deepEqual(
    found.map((f) => f.code),
    ['DSC202', 'DSC202'],
  );
  assert.equal(applyEdits(text, found[0].fixes[0].edits), '{"remoteUser": "jovyan", "containerUser": "0"}');
  assert.deepEqual(codes('{"remoteUser": "app"}'), []);
});

test('lint DSC203: ports on every interface in runArgs and appPort; 127.0.0.1 is fine; the fix adds it', () => {
  const cases: [string, string | undefined][] = [
    ['{"runArgs": ["-p", "8888:8888"]}', '{"runArgs": ["-p", "127.0.0.1:8888:8888"]}'],
    ['{"runArgs": ["--publish=0.0.0.0:8888:8888"]}', '{"runArgs": ["--publish=127.0.0.1:8888:8888"]}'],
    ['{"runArgs": ["-p8888:8888"]}', '{"runArgs": ["-p127.0.0.1:8888:8888"]}'],
    ['{"appPort": "8888:8888"}', '{"appPort": "127.0.0.1:8888:8888"}'],
    ['{"appPort": [3000, "8501"]}', '{"appPort": [3000, "127.0.0.1::8501"]}'],
    ['{"runArgs": ["-P"]}', undefined],
  ];
  for (const [text, fixed] of cases) {
    const found = lintDevcontainer(text, { exists });
    assert.equal(found.length, 1, text);
    assert.equal(found[0].code, 'DSC203');
    if (fixed) assert.equal(applyEdits(text, found[0].fixes[0].edits), fixed, text);
    else assert.deepEqual(found[0].fixes, []);
  }
  for (const ok of [
    '{"runArgs": ["-p", "127.0.0.1:8888:8888"]}',
    '{"appPort": 8888}',
    '{"appPort": ["127.0.0.1:1:2"]}',
    '{"runArgs": ["--publish", "[::1]:8:8"]}',
    '{"forwardPorts": [8888]}',
  ]) {
    assert.deepEqual(codes(ok), [], ok);
  }
  assert.deepEqual(codes('{ not json'), []);
});

test('scaffold --devcontainer writes .devcontainer/devcontainer.json, and never overwrites one without --force', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-devcontainer-'));
  const run = async (args: string[]) => {
    const io = recordingIo(dir);
    const cmd = makeScaffoldCommand(async (root) => analysis({ root, requirements: [req('numpy', '1.26.4')] }));
    return { code: await cmd.run(['.', ...args], io), out: io.stdout.join('\n') };
  };
  const file = path.join(dir, '.devcontainer/devcontainer.json');
  assert.equal((await run([])).code, 0);
  assert.ok(!fs.existsSync(file), 'only on request');
  const r = await run(['--devcontainer']);
  assert.equal(r.code, 0);
  assert.match(r.out, /\.devcontainer\/devcontainer\.json: written/);
  assert.equal(parse(fs.readFileSync(file, 'utf8')).name, path.basename(dir));
  fs.writeFileSync(file, '{"name": "mine"}\n');
  const kept = await run(['--devcontainer', '--verbose']);
  assert.match(kept.out, /devcontainer\.json: kept/);
  assert.match(kept.out, /--- diff for \.devcontainer\/devcontainer\.json ---/);
  assert.equal(fs.readFileSync(file, 'utf8'), '{"name": "mine"}\n');
  await run(['--devcontainer', '--force']);
  assert.equal(parse(fs.readFileSync(file, 'utf8')).remoteUser, 'app');
  fs.rmSync(dir, { recursive: true });
});

test('scaffold --devcontainer: a compose file with a database gives the compose variant', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-devcontainer-'));
  fs.writeFileSync(
    path.join(dir, 'docker-compose.yml'),
    'services:\n  app:\n    build: .\n  db:\n    image: postgres:16\n',
  );
  const cmd = makeScaffoldCommand(async (root) => analysis({ root, requirements: [req('numpy', '1.26.4')] }));
  assert.equal(await cmd.run(['.', '--devcontainer'], recordingIo(dir)), 0);
  const c = parse(fs.readFileSync(path.join(dir, '.devcontainer/devcontainer.json'), 'utf8'));
  assert.deepEqual(
    [c.dockerComposeFile, c.service, c.workspaceFolder, c.build],
    [['../docker-compose.yml'], 'app', '/app', undefined],
  );
  fs.rmSync(dir, { recursive: true });
});

test('CLI lint checks devcontainer.json files (FILE:LINE:COL, exit 1 on an error)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-devcontainer-'));
  fs.mkdirSync(path.join(dir, '.devcontainer'));
  fs.writeFileSync(
    path.join(dir, '.devcontainer/devcontainer.json'),
    '{\n  "build": {"dockerfile": "../Dockerfile"},\n  "remoteUser": "root"\n}\n',
  );
  const io = recordingIo(dir);
  assert.equal(await main(['lint', '.devcontainer/devcontainer.json'], io), 1);
  assert.deepEqual(io.stdout, [
    '.devcontainer/devcontainer.json:2:27: error DSC201: No Dockerfile at "../Dockerfile" (relative to .devcontainer/).',
    ".devcontainer/devcontainer.json:3:17: warning DSC202: remoteUser is root: files written in the project become root's.",
  ]);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\n');
  const io2 = recordingIo(dir);
  assert.equal(await main(['lint', '.devcontainer/devcontainer.json'], io2), 0);
  fs.rmSync(dir, { recursive: true });
});
