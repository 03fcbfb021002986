// Kubernetes manifests: every mode, with and without a GPU, validated against the Kubernetes API schemas
// (kubernetes-models bundles them: no cluster, no network), the fields we rely on asserted ourselves
// (the schemas accept unknown fields), and the YAML compared with golden files in test/unit/golden-kubernetes/.
// Refresh after a deliberate change: UPDATE_GOLDEN=1 node --test out/test/unit/kubernetes.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';
import { ProjectSpec } from '../../src/core/project';
import {
  generateKubernetes,
  hasRegistryHost,
  KubeOptions,
  KubeOptionsError,
  kubeName,
  renderKubernetes,
} from '../../src/core/kubernetes';
import { clusterImage } from '../../src/core/kubernetes/options';
import { goldenCases } from './generate-cases';

const goldenDir = path.resolve(__dirname, '../../../test/unit/golden-kubernetes');
const update = process.env.UPDATE_GOLDEN === '1';
const token = 'test-token-0123456789abcdef';
const models: Record<string, new (o: never) => { validate(): void }> = {
  Job,
  Deployment,
  Service,
  Secret,
  PersistentVolumeClaim,
} as never;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const modeCases: Record<string, ProjectSpec> = {
  script: goldenCases['script'],
  jupyter: goldenCases['jupyter'],
  'app-streamlit': goldenCases['app-streamlit'],
  'app-fastapi': goldenCases['app-fastapi'],
};

function opts(extra: Partial<KubeOptions> = {}): KubeOptions {
  return { image: 'registry.example.com/team/churn:1.0', name: 'churn', jupyterToken: token, ...extra };
}

function validateAll(objects: Obj[]): void {
  for (const o of objects) {
    const Model = models[o.kind];
    assert.ok(Model, `no schema for ${o.kind}`);
    new Model(structuredClone(o) as never).validate();
  }
}

function byKind(objects: Obj[], kind: string): Obj {
  const o = objects.find((x) => x.kind === kind);
  assert.ok(o, `no ${kind}`);
  return o;
}

for (const [name, base] of Object.entries(modeCases)) {
  for (const gpu of [false, true]) {
    const caseName = `${name}${gpu ? '-gpu' : ''}`;
    test(`kubernetes: ${caseName} validates against the API schemas and matches its golden file`, () => {
      const spec = { ...base, gpu };
      const o = opts({ namespace: gpu ? 'ml' : undefined });
      const m = generateKubernetes(spec, o);
      validateAll(m.objects);
      const text = renderKubernetes(m, spec, o);
      // The YAML reads back as exactly the objects (the header is a comment document).
      const docs = parseAllDocuments(text)
        .map((d) => d.toJS())
        .filter((d) => d !== null);
      assert.deepEqual(docs, m.objects);
      const pod = (m.workload.kind === 'Job' ? byKind(m.objects, 'Job') : byKind(m.objects, 'Deployment')).spec.template
        .spec;
      const c = pod.containers[0];
      assert.equal(pod.securityContext.runAsNonRoot, true);
      assert.equal(pod.securityContext.runAsUser, 1000);
      assert.equal(c.securityContext.allowPrivilegeEscalation, false);
      assert.deepEqual(c.securityContext.capabilities.drop, ['ALL']);
      assert.equal(c.image, o.image);
      assert.deepEqual(c.resources.requests, { cpu: '500m', memory: '1Gi' });
      assert.equal(c.resources.limits.memory, '4Gi');
      assert.equal(c.resources.limits['nvidia.com/gpu'], gpu ? '1' : undefined);
      for (const obj of m.objects as Obj[]) assert.equal(obj.metadata.namespace, o.namespace);
      const golden = path.join(goldenDir, `${caseName}.yaml`);
      if (update) {
        fs.mkdirSync(goldenDir, { recursive: true });
        fs.writeFileSync(golden, text);
      } else assert.equal(text, fs.readFileSync(golden, 'utf8'), `${caseName}.yaml differs from its golden file`);
    });
  }
}

test('kubernetes: a script is a Job that never restarts in place, retries twice and expires after a day', () => {
  const m = generateKubernetes(goldenCases['script'], opts());
  assert.deepEqual(
    m.objects.map((o) => o.kind),
    ['Job'],
  );
  const job = m.objects[0] as Obj;
  assert.equal(job.apiVersion, 'batch/v1');
  assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  assert.equal(job.spec.backoffLimit, 2);
  assert.equal(job.spec.ttlSecondsAfterFinished, 86400);
  assert.equal(job.spec.template.spec.containers[0].ports, undefined);
  assert.deepEqual(m.workload, { kind: 'Job', name: 'churn' });
});

test('kubernetes: Jupyter takes its token from a Secret, never from a literal in the Deployment', () => {
  const m = generateKubernetes(goldenCases['jupyter'], opts());
  assert.deepEqual(
    m.objects.map((o) => o.kind),
    ['Secret', 'PersistentVolumeClaim', 'Deployment', 'Service'],
  );
  const secret = byKind(m.objects, 'Secret');
  assert.equal(secret.stringData.token, token);
  const deployment = byKind(m.objects, 'Deployment');
  assert.ok(!JSON.stringify(deployment).includes(token), 'the token leaked into the Deployment');
  const c = deployment.spec.template.spec.containers[0];
  assert.deepEqual(c.env, [
    { name: 'JUPYTER_TOKEN', valueFrom: { secretKeyRef: { name: 'churn-jupyter', key: 'token' } } },
  ]);
  assert.deepEqual(c.volumeMounts, [{ name: 'work', mountPath: '/app/work' }]);
  assert.equal(
    deployment.spec.template.spec.volumes[0].persistentVolumeClaim.claimName,
    byKind(m.objects, 'PersistentVolumeClaim').metadata.name,
  );
  assert.equal(deployment.spec.strategy.type, 'Recreate');
  const svc = byKind(m.objects, 'Service');
  assert.equal(svc.spec.type, 'ClusterIP');
  assert.deepEqual(
    svc.spec.ports.map((p: Obj) => p.port),
    [8888],
  );
  assert.deepEqual(svc.spec.selector, deployment.spec.selector.matchLabels);
  assert.deepEqual(deployment.spec.template.metadata.labels['app.kubernetes.io/name'], 'churn');
  assert.throws(() => generateKubernetes(goldenCases['jupyter'], opts({ jupyterToken: undefined })), KubeOptionsError);
});

test('kubernetes: an app is probed on its health path and served on its own port', () => {
  const m = generateKubernetes(goldenCases['app-streamlit'], opts());
  const c = byKind(m.objects, 'Deployment').spec.template.spec.containers[0];
  assert.deepEqual(c.readinessProbe.httpGet, { path: '/_stcore/health', port: 'http' });
  assert.deepEqual(c.ports, [{ name: 'http', containerPort: 8501, protocol: 'TCP' }]);
  assert.equal(byKind(m.objects, 'Service').spec.ports[0].port, 8501);
});

test('kubernetes: resource flags, and values a cluster would reject, are one clear error each', () => {
  const c = (o: Partial<KubeOptions>) =>
    (generateKubernetes(goldenCases['script'], opts(o)).objects[0] as Obj).spec.template.spec.containers[0] as Obj;
  assert.deepEqual(c({ cpuRequest: '4', memoryRequest: '8Gi' }).resources, {
    requests: { cpu: '4', memory: '8Gi' },
    limits: { cpu: '4', memory: '8Gi' },
  });
  assert.deepEqual(c({ cpuLimit: '1500m', memoryLimit: '2Gi' }).resources.limits, { cpu: '1500m', memory: '2Gi' });
  assert.throws(() => c({ cpuRequest: 'two' }), /--cpu "two" is not a Kubernetes quantity/);
  assert.throws(() => c({ memoryLimit: '4GB' }), /--memory-limit "4GB"/);
  assert.throws(() => c({ cpuRequest: '3', cpuLimit: '2' }), /--cpu 3 is more than --cpu-limit 2/);
  assert.throws(() => c({ namespace: 'My_NS' }), /--namespace "My_NS" is not a Kubernetes namespace/);
});

test('kubernetes: an image without a registry host is warned about; names come from folders', () => {
  assert.match(
    generateKubernetes(goldenCases['script'], opts({ image: 'churn:1.0' })).warnings.join('\n'),
    /names no registry/,
  );
  assert.deepEqual(generateKubernetes(goldenCases['script'], opts()).warnings, []);
  assert.equal(hasRegistryHost('localhost/x:1'), true);
  assert.equal(hasRegistryHost('127.0.0.1:5000/x:1'), true);
  assert.equal(hasRegistryHost('team/x:1'), false);
  assert.equal(kubeName('My Project (v2)'), 'my-project-v2');
  assert.equal(kubeName('2024_results'), 'ds-2024-results');
  assert.equal(kubeName('...'), 'ds-project');
});

test('kubernetes: a registry on this machine is flagged; .env settings go into a Secret the pod reads (issue 27)', () => {
  for (const image of ['127.0.0.1:5000/team/churn:1', 'localhost:5000/churn:1', '[::1]:5000/churn:1'])
    assert.match(
      generateKubernetes(goldenCases['script'], opts({ image })).warnings.join('\n'),
      /this machine: a cluster's nodes cannot pull from it/,
      image,
    );
  assert.deepEqual(
    generateKubernetes(goldenCases['script'], opts({ image: 'registry.lan:5000/churn:1' })).warnings,
    [],
  );
  // The image offered: the pushed name over the local tag, a reachable registry over this machine's.
  const tags = ['churn:latest', '127.0.0.1:5000/churn:latest', 'reg.lan/t/churn:1'];
  assert.equal(clusterImage(tags, 'churn:latest'), 'reg.lan/t/churn:1');
  assert.equal(clusterImage(tags.slice(0, 2), 'churn:latest'), '127.0.0.1:5000/churn:latest');
  assert.equal(clusterImage([], 'churn:latest'), 'churn:latest');
  for (const spec of [goldenCases['script'], goldenCases['jupyter']]) {
    const m = generateKubernetes(spec, opts({ env: ['DB_URL=postgres://db/x', 'MODE=fast', 'MODE=slow'] }));
    validateAll(m.objects);
    const secret = (m.objects as Obj[]).find((o) => o.metadata.name === 'churn-env') as Obj;
    assert.deepEqual(secret.stringData, { DB_URL: 'postgres://db/x', MODE: 'slow' });
    assert.equal(m.objects.indexOf(secret), 0, 'the Secret exists before the pod that reads it');
    const pod = byKind(m.objects, m.workload.kind).spec.template.spec;
    assert.deepEqual(pod.containers[0].envFrom, [{ secretRef: { name: 'churn-env' } }]);
    assert.ok(!JSON.stringify(byKind(m.objects, m.workload.kind)).includes('postgres://'), 'no value in the workload');
    assert.match(m.warnings.join('\n'), /\.env: 2 settings go into the Secret churn-env/);
  }
});

test('every kubernetes golden file belongs to a case', () => {
  const expected = Object.keys(modeCases)
    .flatMap((n) => [`${n}.yaml`, `${n}-gpu.yaml`])
    .sort();
  assert.deepEqual(fs.readdirSync(goldenDir).sort(), expected);
});
