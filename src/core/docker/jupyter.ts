import { ContainerInfo } from './types';

/** A Jupyter server URL as found in its log, and the same URL rewritten for the host. */
export interface JupyterUrl {
  /** As printed inside the container, e.g. http://3f2a…:8888/lab?token=abc */
  original: string;
  containerPort: number;
  token: string;
  /** http://127.0.0.1:HOSTPORT/PATH?token=TOKEN */
  hostUrl: string;
}

const URL_WITH_TOKEN = /https?:\/\/[^\s/:]+:(\d+)(\/[^\s?]*)?\?token=([0-9A-Za-z_-]+)/;

/**
 * Finds the first server URL that carries a token in a chunk of log text and points it at the
 * host port the container port is published on (ports are published on 127.0.0.1 only).
 */
export function findJupyterUrl(
  log: string,
  hostPortFor: (containerPort: number) => number | undefined,
): JupyterUrl | undefined {
  const m = URL_WITH_TOKEN.exec(log);
  if (!m) return undefined;
  const containerPort = Number(m[1]);
  const hostPort = hostPortFor(containerPort) ?? containerPort;
  const path = m[2] || '/';
  return { original: m[0], containerPort, token: m[3], hostUrl: `http://127.0.0.1:${hostPort}${path}?token=${m[3]}` };
}

/**
 * A host port for a project's Jupyter that stays the same from run to run (bookmarks, an open
 * browser tab, a remote editor's proxy path keep working) and rarely clashes with a local
 * Jupyter on 8888: a hash of the project's path into 20000–29999. The caller tries the next
 * ones when it is taken.
 */
export function stableHostPort(key: string, from = 20000, span = 10000): number {
  let h = 0x811c9dc5; // FNV-1a
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return from + (h % span);
}

/**
 * The base URL Jupyter must serve under so that a remote editor's proxy reaches it, from what
 * the editor made of http://127.0.0.1:PORT/ (vscode.env.asExternalUri). code-server answers
 * `/proxy/PORT/`, which strips the prefix: Jupyter's absolute links then miss it (an unstyled
 * login page), so the `/absproxy/PORT/` route, which keeps the path, is used with a matching
 * base URL. A tunnel that serves the port at its root (Codespaces, SSH) needs none: undefined.
 */
export function proxyBaseUrl(externalPath: string, port: number): string | undefined {
  const m = new RegExp(`^(.*/)(?:abs)?proxy/${port}/?$`).exec(externalPath);
  if (m) return `${m[1]}absproxy/${port}/`;
  return externalPath && externalPath !== '/' ? externalPath.replace(/\/?$/, '/') : undefined;
}

/**
 * The URL to open in the user's browser: the server's own path and token under the external
 * origin the editor gave for its host port. A server started with a proxy base URL already has
 * the proxy path in its own path; otherwise the external path (a tunnel's) is kept in front.
 */
export function browserJupyterUrl(hostUrl: string, external: { origin: string; path: string }): string {
  const u = new URL(hostUrl);
  const own = u.pathname;
  const prefix = /\/(?:abs)?proxy\/\d+\//.test(own) ? '' : external.path.replace(/\/$/, '');
  return `${external.origin}${prefix}${own}${u.search}`;
}

/** True for an image or container whose command is a Jupyter server (our label first). */
export function isJupyterCommand(words: readonly string[]): boolean {
  return words.some((w) => /(^|\/)jupyter(-lab|-notebook|-server)?$|start-notebook|jupyterhub-singleuser/.test(w));
}

/**
 * The running containers that serve Jupyter, ours first: those of the given projects, then any we
 * started (our mode label), then others that look like Jupyter (image name, port 8888).
 */
export function runningJupyters(list: readonly ContainerInfo[], projects: readonly string[] = []): ContainerInfo[] {
  const rank = (c: ContainerInfo) =>
    projects.includes(c.labels['dsContainers.project'] ?? '') ? 0 : c.labels['dsContainers.mode'] === 'jupyter' ? 1 : 2;
  return list
    .filter((c) => c.state === 'running')
    .filter(
      (c) =>
        c.labels['dsContainers.mode'] === 'jupyter' ||
        (!c.labels['dsContainers.mode'] &&
          (/jupyter|notebook/i.test(c.image) || c.ports.some((p) => p.containerPort === 8888 && p.hostPort))),
    )
    .sort((a, b) => rank(a) - rank(b) || b.created - a.created);
}

/**
 * The projects (of `projects`) whose Jupyter container of ours exists but is stopped, newest first: what
 * "Open Jupyter" offers to start again when none runs.
 */
export function stoppedJupyterProjects(list: readonly ContainerInfo[], projects: readonly string[]): string[] {
  const dirs = list
    .filter((c) => c.state !== 'running' && c.labels['dsContainers.mode'] === 'jupyter')
    .sort((a, b) => b.created - a.created)
    .map((c) => c.labels['dsContainers.project'] ?? '')
    .filter((d) => projects.includes(d));
  return [...new Set(dirs)];
}
