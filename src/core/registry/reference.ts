/** Image references and registry names the way the Docker CLI reads them (pure). */

/** Docker Hub's name in references; its credentials are stored under dockerHubAuthKey. */
export const dockerHub = 'docker.io';
/** The key Docker uses for Docker Hub in config.json `auths` and in credential helpers. */
export const dockerHubAuthKey = 'https://index.docker.io/v1/';

export interface ImageReference {
  /** Registry host[:port]; docker.io when the reference names none. */
  registry: string;
  /** Repository path inside the registry (library/NAME for Docker Hub official images). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** A reference's parts; a first component counts as a registry when it has a dot, a port, or is localhost. */
export function parseReference(ref: string): ImageReference {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  let rest = at >= 0 ? ref.slice(0, at) : ref;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? rest.slice(colon + 1) : undefined;
  if (colon >= 0) rest = rest.slice(0, colon);
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = hasHost ? first : dockerHub;
  let repository = hasHost ? rest.slice(slash + 1) : rest;
  if (registry === dockerHub && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The registry a user typed for login/logout, as Docker keys it: scheme and path dropped,
 * Docker Hub's names mapped to its one key. "https://Ghcr.io/" → "ghcr.io".
 */
export function registryKey(input: string): string {
  const host = input
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  if (!host || host === dockerHub || host === 'index.docker.io' || host === 'registry-1.docker.io')
    return dockerHubAuthKey;
  return host;
}

/** The host to talk HTTP to for a registry key (Docker Hub's API lives on registry-1.docker.io). */
export function registryApiHost(key: string): string {
  return key === dockerHubAuthKey || key === dockerHub ? 'registry-1.docker.io' : key;
}

/**
 * Loopback registries speak plain HTTP: the engine allows them insecure by default, and so do we.
 * Everything else is HTTPS.
 */
export function registryScheme(host: string): 'http' | 'https' {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || /^127\./.test(name) || name === '::1' ? 'http' : 'https';
}

/** A problem in a registry name or reference, for one line of output. */
export function referenceProblem(ref: string, needTag: boolean): string | undefined {
  const r = parseReference(ref);
  if (needTag && !r.tag && !r.digest) return `"${ref}" has no tag: name the version to push, e.g. ${ref}:1.0`;
  return undefined;
}
