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
export function findJupyterUrl(log: string, hostPortFor: (containerPort: number) => number | undefined): JupyterUrl | undefined {
  const m = URL_WITH_TOKEN.exec(log);
  if (!m) return undefined;
  const containerPort = Number(m[1]);
  const hostPort = hostPortFor(containerPort) ?? containerPort;
  const path = m[2] || '/';
  return { original: m[0], containerPort, token: m[3], hostUrl: `http://127.0.0.1:${hostPort}${path}?token=${m[3]}` };
}
