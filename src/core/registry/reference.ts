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

/**
 * A reference as written, cut into its name (registry and path, as given), tag and digest: the one place the
 * grammar lives (a colon after the last slash starts the tag; `registry:5000/repo` has none).
 */
export function nameAndTag(ref: string): { name: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  const rest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = rest.indexOf(':', rest.lastIndexOf('/') + 1);
  return {
    name: colon >= 0 ? rest.slice(0, colon) : rest,
    ...(colon >= 0 ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest ? { digest } : {}),
  };
}

/** A reference's parts; a first component counts as a registry when it has a dot, a port, or is localhost. */
export function parseReference(ref: string): ImageReference {
  const { name: rest, tag, digest } = nameAndTag(ref);
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

/** Docker's limit on an image name (registry host and path, without tag or digest); longer ones it refuses. */
export const MAX_NAME_LENGTH = 255;

/** A problem in a registry name or reference, for one line of output. */
export function referenceProblem(ref: string, needTag: boolean): string | undefined {
  const name = ref.split('@')[0].replace(/:[^:/]*$/, '');
  // The engine would answer this with a 400 that calls it "no such image": say what is wrong instead.
  if (name.length > MAX_NAME_LENGTH)
    return (
      `"${name.slice(0, 40)}…" is too long: an image name (registry and path) has at most ` +
      `${MAX_NAME_LENGTH} characters, this one has ${name.length}`
    );
  const r = parseReference(ref);
  if (needTag && !r.tag && !r.digest) return `"${ref}" has no tag: name the version to push, e.g. ${ref}:1.0`;
  return undefined;
}

/** How a registry key is shown (Docker Hub's key is a URL; people call it docker.io). */
export function registryLabel(key: string): string {
  return key === dockerHubAuthKey ? dockerHub : key;
}

/** Why a typed registry is not one (undefined when fine): a host[:port] such as ghcr.io or 127.0.0.1:5000. */
export function registryHostProblem(input: string): string | undefined {
  const key = registryKey(input);
  if (key === dockerHubAuthKey || /^[a-z0-9.-]+(:\d+)?$|^\[[0-9a-f:]+\](:\d+)?$/.test(key)) return undefined;
  return `"${input.trim()}" is not a registry host such as ghcr.io or 127.0.0.1:5000`;
}

/** The reference a registry serves a tag under; with its digest, the reference that never moves. */
export function registryReference(key: string, repository: string, tag: string, digest?: string): string {
  const host = registryLabel(key);
  const repo = host === dockerHub ? repository.replace(/^library\//, '') : repository;
  return `${host === dockerHub ? '' : `${host}/`}${repo}:${tag}${digest ? `@${digest}` : ''}`;
}

/** The repository path of a local reference without its registry and tag ("team/churn" of "ghcr.io/team/churn:1"). */
export function repositoryPath(ref: string): string {
  const r = parseReference(ref);
  return r.registry === dockerHub ? r.repository.replace(/^library\//, '') : r.repository;
}

/** Suggested references for a local image under each registry (its own reference first when it names one). */
export function pushSuggestions(localRef: string | undefined, registries: string[]): string[] {
  const name = localRef ? repositoryPath(localRef) : 'image';
  const tag = (localRef && parseReference(localRef).tag) || '1.0';
  const own = localRef && parseReference(localRef).registry !== dockerHub ? [localRef] : [];
  const hosts = registries.map(registryLabel).filter((h) => h !== dockerHub);
  return [...new Set([...own, ...hosts.map((h) => `${h}/${name}:${tag}`)])];
}
