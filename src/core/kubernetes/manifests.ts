import { ProjectSpec } from '../project';
import { containerPort, modeRuntime } from '../generate/modes';
import { appReadinessProbe } from './readiness';
import { defaultUid } from '../generate/dockerfile';
import { validateSpec } from '../generate/validate';
import { kubernetesGpuLimits } from '../gpu';
import {
  checkKubeOptions,
  hasRegistryHost,
  KubeOptions,
  KubeOptionsError,
  kubeDefaults,
  loopbackRegistry,
  resourcesOf,
} from './options';

type Obj = Record<string, unknown>;

export interface KubeManifests {
  /** The objects, in the order kubectl should create them (Secret and claim before the Deployment). */
  objects: Obj[];
  /** What the user should know (e.g. an image the cluster may not be able to pull). */
  warnings: string[];
  /** The kind and name of the workload: `job/NAME` or `deployment/NAME`. */
  workload: { kind: 'Job' | 'Deployment'; name: string };
}

/** Where the Jupyter project's work folder is mounted: under the image's /app, so notebooks save into the claim. */
export const jupyterWorkDir = '/app/work';

/**
 * Kubernetes objects for a project: a script becomes a batch/v1 Job, Jupyter a Deployment + ClusterIP
 * Service + token Secret + work-folder claim, an app a Deployment + Service probed on its health path.
 * Every pod runs as the image's non-root UID with privilege escalation off and all capabilities dropped.
 */
export function generateKubernetes(spec: ProjectSpec, o: KubeOptions): KubeManifests {
  validateSpec(spec);
  checkKubeOptions(o);
  if (spec.mode === 'jupyter' && !o.jupyterToken)
    throw new KubeOptionsError('a Jupyter Deployment needs a generated token');
  const warnings: string[] = [];
  if (!hasRegistryHost(o.image)) {
    warnings.push(
      `image "${o.image}" names no registry: a cluster would look for it on Docker Hub; ` +
        `push it to a registry and use registry.example.com/${o.image}`,
    );
  }
  const loopback = loopbackRegistry(o.image);
  if (loopback)
    warnings.push(
      `image "${o.image}" is on a registry at ${loopback}, this machine: a cluster's nodes cannot pull from it; ` +
        'push it to a registry the cluster reaches',
    );
  const labels = { 'app.kubernetes.io/name': o.name, 'app.kubernetes.io/managed-by': 'ds-containers' };
  const meta = (name: string): Obj => ({ name, ...(o.namespace ? { namespace: o.namespace } : {}), labels });
  const port = containerPort(spec);
  const container = containerOf(spec, o, port);
  // .env settings as `run` passes them: in a Secret the container reads whole, never in the workload itself.
  const env = o.env?.length ? envSecret(o, meta(`${o.name}-env`)) : undefined;
  if (env) {
    container.envFrom = [{ secretRef: { name: `${o.name}-env` } }];
    const n = Object.keys(env.stringData as object).length;
    warnings.push(
      `.env: ${n} setting${n === 1 ? '' : 's'} go into the Secret ${o.name}-env (review it before applying)`,
    );
  }
  if (spec.mode === 'script') {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: meta(o.name),
      spec: {
        backoffLimit: kubeDefaults.backoffLimit,
        ttlSecondsAfterFinished: kubeDefaults.ttlSecondsAfterFinished,
        template: { metadata: { labels }, spec: { ...podSpec(container), restartPolicy: 'Never' } },
      },
    };
    return { objects: [...(env ? [env] : []), job], warnings, workload: { kind: 'Job', name: o.name } };
  }
  const objects: Obj[] = env ? [env] : [];
  const pod = podSpec(container);
  if (spec.mode === 'jupyter') {
    const secret = `${o.name}-jupyter`;
    const claim = `${o.name}-work`;
    objects.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta(secret),
      type: 'Opaque',
      stringData: { token: o.jupyterToken },
    });
    objects.push({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: meta(claim),
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: o.storage ?? kubeDefaults.storage } } },
    });
    // Jupyter Server reads JUPYTER_TOKEN: the token lives in the Secret, never in the Deployment.
    container.env = [{ name: 'JUPYTER_TOKEN', valueFrom: { secretKeyRef: { name: secret, key: 'token' } } }];
    container.volumeMounts = [{ name: 'work', mountPath: jupyterWorkDir }];
    pod.volumes = [{ name: 'work', persistentVolumeClaim: { claimName: claim } }];
  }
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(o.name),
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': o.name } },
      // One pod at a time: a ReadWriteOnce claim cannot be mounted by the old and the new pod together.
      strategy: { type: spec.mode === 'jupyter' ? 'Recreate' : 'RollingUpdate' },
      template: { metadata: { labels }, spec: pod },
    },
  });
  objects.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(o.name),
    spec: {
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': o.name },
      ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
    },
  });
  return { objects, warnings, workload: { kind: 'Deployment', name: o.name } };
}

function envSecret(o: KubeOptions, metadata: Obj): Obj {
  const stringData: Record<string, string> = {};
  // A later line wins, as in Docker's --env-file.
  for (const kv of o.env ?? []) stringData[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  return { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData };
}

function containerOf(spec: ProjectSpec, o: KubeOptions, port: number | undefined): Obj {
  const resources = resourcesOf(o);
  // spec.gpu is the one switch (scan or --gpu), the same that shapes the Dockerfile and compose.yaml.
  if (spec.gpu) Object.assign(resources.limits, kubernetesGpuLimits());
  const c: Obj = {
    name: spec.mode === 'script' ? 'job' : 'app',
    image: o.image,
    // The image's own CMD runs (the same as `docker run`); only resources and identity are set here.
    resources,
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      runAsNonRoot: true,
    },
  };
  if (port) {
    c.ports = [{ name: 'http', containerPort: port, protocol: 'TCP' }];
    const health = modeRuntime(spec).healthPath;
    // Apps are ready when their health path answers; Jupyter when its port accepts (its API needs the token).
    c.readinessProbe = health
      ? appReadinessProbe(port, health, o.routes)
      : { tcpSocket: { port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 };
  }
  return c;
}

function podSpec(container: Obj): Obj {
  return {
    // The generated Dockerfile's user; fsGroup makes a mounted claim writable by it.
    securityContext: {
      runAsNonRoot: true,
      runAsUser: defaultUid,
      runAsGroup: defaultUid,
      fsGroup: defaultUid,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [container],
  };
}

/** Multi-document YAML with a header saying how to apply it and how to reach the workload. */
export function renderKubernetes(m: KubeManifests, spec: ProjectSpec, o: KubeOptions): string {
  const { stringify } = yaml();
  const ns = o.namespace ? ` -n ${o.namespace}` : '';
  const head = ['# Generated by ds-containers. Review, then apply with: kubectl apply -f FILE'];
  if (m.workload.kind === 'Job') {
    head.push(`# Follow the run: kubectl logs -f job/${o.name}${ns}  (a Job's pod template cannot change:`);
    head.push(`# kubectl delete job ${o.name}${ns} before applying a new image)`);
  } else {
    const port = containerPort(spec);
    head.push(`# Reach it from this machine: kubectl port-forward${ns} service/${o.name} ${port}:${port}`);
  }
  if (spec.mode === 'jupyter') {
    head.push(`# Jupyter's token: kubectl get secret ${o.name}-jupyter${ns} -o jsonpath='{.data.token}' | base64 -d`);
    head.push(`# Notebooks saved under ${jupyterWorkDir.replace('/app/', '')}/ persist in the claim ${o.name}-work.`);
  }
  const docs = m.objects.map((obj) => stringify(obj, { lineWidth: 0, aliasDuplicateObjects: false }));
  return head.join('\n') + '\n---\n' + docs.join('---\n');
}

// Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
const yaml = (): typeof import('yaml') => require('yaml');
