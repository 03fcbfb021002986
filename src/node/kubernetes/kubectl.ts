// kubectl as a child process (argv arrays only, manifests on stdin): the cluster's own client applies
// what we generate, with the user's kubeconfig, contexts and credential plugins.
import { spawn } from 'node:child_process';

/** A kubectl problem the user can act on, in one line. */
export class KubectlError extends Error {}

export interface KubectlRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  signal?: AbortSignal;
  /** Each complete stdout line as it arrives (for following logs). */
  onLine?: (line: string) => void;
}

/** Runs `kubectl ARGS`; a missing kubectl is a KubectlError that says so. */
export function kubectl(args: string[], o: KubectlOptions = {}): Promise<KubectlRun> {
  return new Promise((resolve, reject) => {
    const p = spawn('kubectl', args, { env: o.env ?? process.env, signal: o.signal, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    p.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!o.onLine) return;
      const lines = (partial + d).split(/\r?\n/);
      partial = lines.pop() ?? '';
      lines.forEach(o.onLine);
    });
    p.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    p.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT')
        reject(
          new KubectlError(
            'kubectl not found on PATH: install it (https://kubernetes.io/docs/tasks/tools/) to apply manifests',
          ),
        );
      else reject(e);
    });
    p.on('close', (code) => {
      if (partial && o.onLine) o.onLine(partial);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    p.stdin.on('error', () => {
      /* kubectl may exit before reading all of stdin; its exit code tells */
    });
    p.stdin.end(o.input ?? '');
  });
}

/** The current context's name; a KubectlError when kubectl has none configured. */
export async function currentContext(env?: NodeJS.ProcessEnv): Promise<string> {
  const r = await kubectl(['config', 'current-context'], { env });
  const name = r.stdout.trim();
  if (r.code !== 0 || !name) {
    throw new KubectlError('kubectl has no current context: choose a cluster with kubectl config use-context NAME');
  }
  return name;
}

/** `kubectl apply -f -` with the manifests on stdin; kubectl's own first error line when it refuses. */
export async function applyManifests(yamlText: string, o: KubectlOptions = {}): Promise<string[]> {
  const r = await kubectl(['apply', '-f', '-'], { ...o, input: yamlText });
  if (r.code !== 0) throw new KubectlError(`kubectl apply failed: ${firstLine(r.stderr) || `exit code ${r.code}`}`);
  return r.stdout.split('\n').filter(Boolean);
}

export type JobState = 'Complete' | 'Failed' | 'running';

/** The Job's state from its conditions. */
export async function jobState(name: string, namespace: string | undefined, o: KubectlOptions = {}): Promise<JobState> {
  const r = await kubectl(['get', 'job', name, ...nsArgs(namespace), '-o', 'jsonpath={.status.conditions[*].type}'], {
    env: o.env,
    signal: o.signal,
  });
  if (r.code !== 0) throw new KubectlError(`kubectl get job ${name} failed: ${firstLine(r.stderr)}`);
  const types = r.stdout.split(/\s+/);
  if (types.includes('Failed')) return 'Failed';
  if (types.includes('Complete')) return 'Complete';
  return 'running';
}

/**
 * Follows the Job's logs until its pod ends, then waits for the Job's verdict (a failed pod is retried
 * up to the backoff limit; only the first pod's logs are followed). Resolves true when the Job completed.
 */
export async function followJob(
  name: string,
  namespace: string | undefined,
  onLine: (l: string) => void,
  o: KubectlOptions & { pollMs?: number } = {},
): Promise<boolean> {
  // --pod-running-timeout: an image still being pulled is not an error.
  await kubectl(['logs', '-f', `job/${name}`, ...nsArgs(namespace), '--pod-running-timeout=10m'], {
    env: o.env,
    signal: o.signal,
    onLine,
  });
  for (;;) {
    const state = await jobState(name, namespace, o);
    if (state !== 'running') return state === 'Complete';
    if (o.signal?.aborted) return false;
    await new Promise((r) => setTimeout(r, o.pollMs ?? 2000));
  }
}

function nsArgs(namespace: string | undefined): string[] {
  return namespace ? ['--namespace', namespace] : [];
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}
