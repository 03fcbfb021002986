// `ds-containers k8s`: printing, and --apply against a fake kubectl on PATH that records its arguments
// and stdin (no cluster can run on these machines). The manifests themselves are proven in kubernetes.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main';
import { captureIo } from './cli-io';

const projects = path.resolve(__dirname, '../../../test/fixtures/projects');
const FAKE = path.resolve(__dirname, '../../../test/fixtures/fake-kubectl/kubectl');

function fakeKubectl(env: Record<string, string> = {}): { io: ReturnType<typeof captureIo>; log: string } {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-kubectl-'));
  fs.copyFileSync(FAKE, path.join(bin, 'kubectl'));
  fs.chmodSync(path.join(bin, 'kubectl'), 0o755);
  const io = captureIo();
  io.env = {
    PATH: `${bin}:/usr/bin:/bin`,
    FAKE_LOG: bin,
    FAKE_CONTEXT: 'test-cluster',
    FAKE_JOB_STATE: 'Complete',
    ...env,
  };
  return { io, log: bin };
}

const argvOf = (log: string) => fs.readFileSync(path.join(log, 'argv'), 'utf8').trim().split('\n');

test('k8s prints multi-document YAML for the project and warns about an image without a registry', async () => {
  const io = captureIo();
  const code = await main(['k8s', path.join(projects, 'linear-classifier-script'), '--image', 'churn:1'], io);
  assert.equal(code, 0, io.stderr.join('\n'));
  const docs = parseAllDocuments(io.stdout.join('\n'))
    .map((d) => d.toJS())
    .filter(Boolean);
  assert.deepEqual(
    docs.map((d) => d.kind),
    ['Job'],
  );
  assert.match(io.stderr.join('\n'), /^warning: image "churn:1" names no registry/);
});

test('k8s --apply pipes the manifests to kubectl apply -f -, follows the Job and exits with its status', async () => {
  const { io, log } = fakeKubectl();
  const dir = path.join(projects, 'linear-classifier-script');
  const code = await main(['k8s', dir, '--image', 'reg.example.com/t/churn:1', '--namespace', 'ml', '--apply'], io);
  assert.equal(code, 0, io.stderr.join('\n'));
  const calls = argvOf(log);
  assert.deepEqual(calls.slice(0, 2), ['config current-context', 'apply -f -']);
  assert.equal(calls[2], 'logs -f job/linear-classifier-script --namespace ml --pod-running-timeout=10m');
  assert.match(calls[3], /^get job linear-classifier-script --namespace ml -o jsonpath=/);
  const applied = fs.readFileSync(path.join(log, 'stdin.yaml'), 'utf8');
  const out = captureIo();
  await main(['k8s', dir, '--image', 'reg.example.com/t/churn:1', '--namespace', 'ml'], out);
  assert.equal(applied, out.stdout.join('\n') + '\n', 'kubectl received what k8s prints');
  assert.deepEqual(io.stdout, ['epoch 1 loss 0.5', 'accuracy 0.93']);
  assert.match(
    io.stderr.join('\n'),
    /applying to context test-cluster, namespace ml[\s\S]*job linear-classifier-script completed/,
  );

  const failed = fakeKubectl({ FAKE_JOB_STATE: 'Failed' });
  assert.equal(await main(['k8s', dir, '--image', 'reg.example.com/t/churn:1', '--apply'], failed.io), 1);
  assert.match(failed.io.stderr.at(-1) ?? '', /job linear-classifier-script failed/);
});

test('k8s --apply of a Deployment applies and returns without following logs', async () => {
  const { io, log } = fakeKubectl();
  const code = await main(
    ['k8s', path.join(projects, 'linear-classifier-notebook'), '--image', 'reg.example.com/t/nb:1', '--apply'],
    io,
  );
  assert.equal(code, 0, io.stderr.join('\n'));
  assert.deepEqual(argvOf(log), ['config current-context', 'apply -f -']);
  const kinds = parseAllDocuments(fs.readFileSync(path.join(log, 'stdin.yaml'), 'utf8'))
    .map((d) => d.toJS()?.kind)
    .filter(Boolean);
  assert.deepEqual(kinds, ['Secret', 'PersistentVolumeClaim', 'Deployment', 'Service']);
});

test('k8s bad input: no kubectl, no current context, a refused apply, a bad flag: one line each', async () => {
  const dir = path.join(projects, 'linear-classifier-script');
  const image = ['--image', 'reg.example.com/t/churn:1'];
  const noKubectl = captureIo();
  noKubectl.env = { PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-empty-')) };
  assert.equal(await main(['k8s', dir, ...image, '--apply'], noKubectl), 1);
  assert.deepEqual(noKubectl.stderr, [
    'ds-containers k8s: kubectl not found on PATH: install it (https://kubernetes.io/docs/tasks/tools/) to apply manifests',
  ]);

  const noContext = fakeKubectl({ FAKE_CONTEXT: '' });
  assert.equal(await main(['k8s', dir, ...image, '--apply'], noContext.io), 1);
  assert.deepEqual(noContext.io.stderr, [
    'ds-containers k8s: kubectl has no current context: choose a cluster with kubectl config use-context NAME',
  ]);

  const refused = fakeKubectl({ FAKE_APPLY_ERROR: 'error: unable to recognize "STDIN": no matches for kind "Job"' });
  assert.equal(await main(['k8s', dir, ...image, '--apply'], refused.io), 1);
  assert.match(refused.io.stderr.at(-1) ?? '', /^ds-containers k8s: kubectl apply failed: error: unable to recognize/);

  for (const [args, msg] of [
    [[], /--image IMAGE is required/],
    [['--image', 'Bad Image'], /--image "Bad Image" is not an image reference/],
    [[...image, '--memory', '4GB'], /--memory "4GB" is not a Kubernetes quantity/],
    [[...image, '--mode', 'batch'], /--mode must be one of/],
  ] as const) {
    const io = captureIo();
    assert.equal(await main(['k8s', dir, ...args], io), 2);
    assert.equal(io.stderr.length, 1, io.stderr.join('\n'));
    assert.match(io.stderr[0], msg);
  }
});
