// Issue 26, defect 10: `up --entry` against an existing Dockerfile says why it stops (and --force is the way on),
// a port moved on the host is said and the server's banner rewritten, and the Kubernetes readiness probe asks a
// route that answers (a Flask app answering 404 on `/` was never ready).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { movedPortLines, rewriteToHostPorts } from '../../src/core/docker/movedPorts';
import { appReadinessProbe, appRoutes } from '../../src/core/kubernetes/readiness';
import { projectManifests } from '../../src/node/kubernetes/projectManifests';
import { recordingIo } from './analysis-samples';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/launch');

test('up --entry with a Dockerfile that runs another file: nothing built, and the line says why and what to do', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-up-entry-'));
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nCOPY . .\nCMD ["python", "train.py"]\n');
  fs.writeFileSync(path.join(dir, 'train.py'), 'print("train")\n');
  fs.writeFileSync(path.join(dir, 'eval.py'), 'print("eval")\n');
  const io = { ...recordingIo(dir), env: { DOCKER_HOST: 'unix:///tmp/dsc-no-such-engine.sock' } };
  assert.equal(await main(['up', '.', '--no-pin', '--entry', 'eval.py'], io), 1);
  assert.match(
    io.stderr.at(-1)!,
    /^Nothing built: Dockerfile exists and would still build what it says, not the options given; rerun with --force to replace it/,
  );
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /train\.py/);
  const forced = { ...recordingIo(dir), env: io.env };
  assert.equal(await main(['up', '.', '--no-pin', '--entry', 'eval.py', '--force'], forced), 1, 'no engine to build');
  assert.match(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8'), /^CMD \["python", "eval\.py"\]$/m);
  assert.match(forced.stderr.at(-1)!, /cannot reach Docker/);
  fs.rmSync(dir, { recursive: true });
});

test('a port published elsewhere is said once, and the banner names the port it is really on', () => {
  const ports = new Map([
    [5000, 49153],
    [8000, 8000],
  ]);
  assert.deepEqual(movedPortLines(ports), [
    'port 5000 is in use on this machine, so the server is published on 49153 instead: ' +
      'where its own output says :5000, open http://127.0.0.1:49153',
  ]);
  assert.equal(
    rewriteToHostPorts(
      ' * Running on http://0.0.0.0:5000\n * and http://172.17.0.2:5000/ (8000 stays: http://x:8000)',
      ports,
    ),
    ' * Running on http://127.0.0.1:49153\n * and http://127.0.0.1:49153/ (8000 stays: http://x:8000)',
  );
});

test('readiness: `/` when routed, else a health route, else the HEALTHCHECK program as an exec probe', () => {
  assert.deepEqual(appRoutes('@app.route("/")\n@app.route("/train", methods=["POST"])\n@bp.get("/healthz")\n'), [
    '/',
    '/healthz',
  ]);
  assert.deepEqual(appReadinessProbe(5000, '/', ['/', '/x']).httpGet, { path: '/', port: 'http' });
  assert.deepEqual(appReadinessProbe(5000, '/', ['/predict', '/health']).httpGet, { path: '/health', port: 'http' });
  const exec = appReadinessProbe(5000, '/', ['/predict']) as { exec?: { command: string[] } };
  assert.deepEqual(exec.exec?.command.slice(0, 2), ['python', '-c']);
  assert.match(exec.exec!.command[2], /HTTPConnection\('127\.0\.0\.1', 5000.*status >= 500/);
  assert.deepEqual(appReadinessProbe(8000, '/docs', ['/predict']).httpGet, { path: '/docs', port: 'http' });
});

test('k8s of the Flask fixture whose only route is /predict: no httpGet on `/`, the HEALTHCHECK program instead', async () => {
  const kube = await projectManifests({
    dir: path.join(FIXTURES, 'flask-main'),
    mode: 'auto',
    gpu: false,
    image: 'r.example/iris:1',
  });
  assert.doesNotMatch(kube.text, /path: \/\n/);
  assert.match(kube.text, /readinessProbe:\n\s+exec:\n\s+command:\n\s+- python\n\s+- -c/);
  assert.match(kube.text, /containerPort: 8080/);
});
