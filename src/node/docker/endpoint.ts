import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the engine is, resolved the way the Docker CLI does it. */
export interface Endpoint {
  /** As the user would write it: unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host. */
  url: string;
  /** What chose it: "setting", "DOCKER_HOST", "context NAME" or "default". */
  source: string;
  socketPath?: string;
  protocol?: 'http' | 'https' | 'ssh';
  host?: string;
  port?: number;
  username?: string;
  /** TLS material (PEM text) for tcp with verification. */
  tls?: { ca?: string; cert?: string; key?: string };
}

export interface EndpointInputs {
  /** The dsContainers.docker.host setting, if set. */
  setting?: string;
  env: NodeJS.ProcessEnv;
  /** Defaults to the user's home; the Docker config lives in DOCKER_CONFIG or ~/.docker. */
  home?: string;
}

const DEFAULT_SOCKET = 'unix:///var/run/docker.sock';

/** Setting → DOCKER_HOST → current context (DOCKER_CONTEXT or config.json) → default socket. */
export function resolveEndpoint(inp: EndpointInputs): Endpoint {
  const env = inp.env;
  if (inp.setting?.trim()) return parseHost(inp.setting.trim(), 'setting', env);
  if (env.DOCKER_HOST) return parseHost(env.DOCKER_HOST, 'DOCKER_HOST', env);
  const configDir = env.DOCKER_CONFIG || path.join(inp.home ?? os.homedir(), '.docker');
  const name = env.DOCKER_CONTEXT || readJson(path.join(configDir, 'config.json'))?.currentContext;
  if (name && name !== 'default') {
    const id = crypto.createHash('sha256').update(name).digest('hex');
    const meta = readJson(path.join(configDir, 'contexts', 'meta', id, 'meta.json'));
    const host: string | undefined = meta?.Endpoints?.docker?.Host;
    if (!host) throw new Error(`Docker context "${name}" has no stored endpoint (${path.join(configDir, 'contexts')})`);
    const ep = parseHost(host, `context ${name}`, {});
    const tlsDir = path.join(configDir, 'contexts', 'tls', id, 'docker');
    if (ep.protocol === 'http' && fs.existsSync(tlsDir) && !meta?.Endpoints?.docker?.SkipTLSVerify) {
      ep.protocol = 'https';
      ep.tls = readTls(tlsDir);
    }
    return ep;
  }
  return parseHost(DEFAULT_SOCKET, 'default', env);
}

function parseHost(url: string, source: string, env: NodeJS.ProcessEnv): Endpoint {
  if (url.startsWith('unix://')) return { url, source, socketPath: url.slice('unix://'.length) };
  if (url.startsWith('npipe://')) return { url, source, socketPath: url.slice('npipe://'.length).replace(/\//g, '\\') };
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`invalid Docker host "${url}" (from ${source}): expected unix://, tcp:// or ssh://`);
  }
  const known = ['tcp:', 'http:', 'https:', 'ssh:'].includes(u.protocol);
  // new URL('tcp://') parses with an empty host; connecting to it would only say "cannot reach".
  if (known && !u.hostname)
    throw new Error(`invalid Docker host "${url}" (from ${source}): no host name (expected ${u.protocol}//HOST:PORT)`);
  if (u.protocol === 'tcp:' || u.protocol === 'http:' || u.protocol === 'https:') {
    const verify =
      u.protocol === 'https:' ||
      (env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0');
    const ep: Endpoint = {
      url,
      source,
      protocol: verify ? 'https' : 'http',
      host: u.hostname,
      port: Number(u.port) || (verify ? 2376 : 2375),
    };
    if (verify) ep.tls = readTls(env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker'));
    return ep;
  }
  if (u.protocol === 'ssh:') {
    return {
      url,
      source,
      protocol: 'ssh',
      host: u.hostname,
      port: Number(u.port) || 22,
      username: u.username || undefined,
    };
  }
  throw new Error(`unsupported Docker host "${url}" (from ${source}): expected unix://, tcp:// or ssh://`);
}

function readTls(dir: string): Endpoint['tls'] {
  const read = (f: string) => {
    try {
      return fs.readFileSync(path.join(dir, f), 'utf8');
    } catch {
      return undefined;
    }
  };
  return { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
