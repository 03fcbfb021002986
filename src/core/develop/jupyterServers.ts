// The Jupyter servers we started, as the Jupyter extension's kernel picker lists them: one per running
// container that our runs labelled as a Jupyter project, reached on its 127.0.0.1 port with its token.
import { ContainerInfo } from '../docker/types';
import { findJupyterUrl } from '../docker/jupyter';

export interface JupyterServerEntry {
  /** The container id: stable while the container runs, gone with it. */
  id: string;
  label: string;
  /** http://127.0.0.1:PORT/BASE/ — the server's root, without /lab or /tree. */
  baseUrl: string;
  token: string;
  /** The project folder on the host, mounted at the server's root (the notebook folder mapping). */
  projectDir: string;
}

/** Containers that may be one of our Jupyter servers (the token then comes from their log). */
export function jupyterContainers(containers: readonly ContainerInfo[]): ContainerInfo[] {
  return containers.filter(
    (c) => c.state === 'running' && c.labels['dsContainers.mode'] === 'jupyter' && !!c.labels['dsContainers.project'],
  );
}

/** The server entry for one of jupyterContainers(), from the URL its log printed; undefined until it printed one. */
export function jupyterServerOf(c: ContainerInfo, log: string): JupyterServerEntry | undefined {
  const hostPortFor = (port: number) =>
    c.ports.find((p) => p.containerPort === port && p.hostPort && isLoopback(p.hostIp))?.hostPort;
  const url = findJupyterUrl(log, hostPortFor);
  if (!url || !hostPortFor(url.containerPort)) return undefined;
  const u = new URL(url.hostUrl);
  const projectDir = c.labels['dsContainers.project'];
  const folder =
    projectDir
      .replace(/[\\/]+$/, '')
      .split(/[\\/]/)
      .pop() || projectDir;
  return {
    id: c.id,
    label: `${folder} (container ${c.name || c.id.slice(0, 12)})`,
    baseUrl: `${u.origin}${serverRoot(u.pathname)}`,
    token: url.token,
    projectDir,
  };
}

/** `/lab`, `/lab/tree/x.ipynb`, `/tree`, `/notebooks/…` are pages of the server, not its base URL. */
export function serverRoot(pathname: string): string {
  const root = pathname.replace(/\/(lab|tree|notebooks|doc)(\/.*)?$/, '/');
  return root.endsWith('/') ? root : `${root}/`;
}

/** The URL with its token that "Copy Jupyter URL" puts on the clipboard (for "Existing Jupyter Server"). */
export function jupyterUrlWithToken(s: Pick<JupyterServerEntry, 'baseUrl' | 'token'>): string {
  return `${s.baseUrl}?token=${s.token}`;
}

/**
 * Where a notebook's kernel starts in the container: the same path relative to the project as on the host,
 * under the folder the project is mounted at, so that `pd.read_csv("data/x.csv")` finds the same file.
 */
export function containerPathFor(projectDir: string, hostPath: string, workdir = '/app'): string | undefined {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const root = norm(projectDir);
  const file = norm(hostPath);
  if (file !== root && !file.startsWith(`${root}/`)) return undefined;
  return `${workdir}${file.slice(root.length)}`;
}

function isLoopback(ip: string | undefined): boolean {
  return !ip || ip === '127.0.0.1' || ip === '::1' || ip === 'localhost';
}
