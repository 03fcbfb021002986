// The Registry HTTP API v2 (what `docker login` checks, and what lists repositories and tags), with
// both of its auth schemes: Basic, and Bearer tokens from the realm the 401 challenge names.
import { parseChallenge } from '../../core/registry/challenge';
import { Credentials } from '../../core/registry/dockerConfig';
import { registryApiHost, registryScheme } from '../../core/registry/reference';

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'unauthorized' | 'refused',
  ) {
    super(message);
  }
}

export interface RegistryOptions {
  creds?: Credentials;
  signal?: AbortSignal;
  timeoutMs?: number;
}

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

/** GET (or HEAD) a v2 path, answering one auth challenge; 401 after that is RegistryError 'unauthorized'. */
export async function registryGet(
  key: string,
  apiPath: string,
  o: RegistryOptions & { method?: string; accept?: string[]; scope?: string } = {},
): Promise<Answer> {
  const host = registryApiHost(key);
  const url = `${registryScheme(host)}://${host}${apiPath}`;
  const first = await send(url, host, o, undefined);
  if (first.status !== 401) return first;
  const challenge = parseChallenge(first.headers.get('www-authenticate'));
  if (!o.creds && challenge?.scheme !== 'bearer') throw new RegistryError(`${host} needs a login`, 'unauthorized');
  let authorization: string;
  if (challenge?.scheme === 'bearer') authorization = `Bearer ${await bearerToken(challenge.params, host, o)}`;
  else authorization = `Basic ${basic(o.creds!)}`;
  const second = await send(url, host, o, authorization);
  if (second.status === 401)
    throw new RegistryError(
      o.creds ? `${host} refused the login: wrong username or password` : `${host} needs a login`,
      'unauthorized',
    );
  return second;
}

async function bearerToken(
  params: Record<string, string>,
  host: string,
  o: RegistryOptions & { scope?: string },
): Promise<string> {
  if (!params.realm) throw new RegistryError(`${host} sent a Bearer challenge without a realm`, 'refused');
  const u = new URL(params.realm);
  const scope = o.scope ?? params.scope;
  const plain = { signal: o.signal, timeoutMs: o.timeoutMs };
  let r: Answer;
  if (o.creds?.username === '<token>') {
    // An identity token (what `docker login` keeps for some registries) is exchanged as an OAuth2
    // refresh token in a POSTed form, the way the Docker CLI does; it never goes in a URL.
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: o.creds.secret });
    form.set('client_id', 'ds-containers');
    if (params.service) form.set('service', params.service);
    if (scope) form.set('scope', scope);
    r = await send(u.toString(), u.host, { ...plain, method: 'POST', form }, undefined);
  } else {
    // The token is always fetched with a GET and read as JSON, whatever the request it is for (a HEAD for
    // a digest must not turn the token request into a HEAD with no body).
    if (params.service) u.searchParams.set('service', params.service);
    if (scope) u.searchParams.set('scope', scope);
    r = await send(u.toString(), u.host, plain, o.creds ? `Basic ${basic(o.creds)}` : undefined);
  }
  if (r.status === 401 || r.status === 403)
    // Without credentials, a token server that refuses anonymous requests means: log in.
    throw new RegistryError(
      o.creds ? `${host} refused the login: wrong username or password` : `${host} needs a login`,
      'unauthorized',
    );
  if (r.status >= 400) throw new RegistryError(`${u.host} answered ${r.status} for a token`, 'refused');
  let j: { token?: string; access_token?: string };
  try {
    j = JSON.parse(r.body) as typeof j;
  } catch {
    throw new RegistryError(`${u.host} sent a token answer that is not JSON`, 'refused');
  }
  const token = j.token ?? j.access_token;
  if (!token) throw new RegistryError(`${u.host} sent no token`, 'refused');
  return token;
}

async function send(
  url: string,
  host: string,
  o: RegistryOptions & { method?: string; accept?: string[]; form?: URLSearchParams },
  authorization: string | undefined,
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (authorization) headers.authorization = authorization;
  if (o.accept) headers.accept = o.accept.join(', ');
  const signals = [AbortSignal.timeout(o.timeoutMs ?? 15000), ...(o.signal ? [o.signal] : [])];
  let r: Response;
  try {
    r = await fetch(url, {
      method: o.method ?? 'GET',
      headers,
      body: o.form,
      signal: AbortSignal.any(signals),
      redirect: 'follow',
    });
  } catch (e) {
    if (o.signal?.aborted) throw e;
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new RegistryError(
      `cannot reach the registry at ${host}: ${cause?.code ?? cause?.message ?? (e as Error).message}`,
      'unreachable',
    );
  }
  return { status: r.status, headers: r.headers, body: o.method === 'HEAD' ? '' : await r.text() };
}

function basic(c: Credentials): string {
  return Buffer.from(`${c.username}:${c.secret}`, 'utf8').toString('base64');
}

/** Checks credentials the way `docker login` does: GET /v2/ must answer 200 with them. */
export async function verifyLogin(key: string, creds: Credentials, o: RegistryOptions = {}): Promise<void> {
  const r = await registryGet(key, '/v2/', { ...o, creds });
  if (r.status !== 200)
    throw new RegistryError(`${registryApiHost(key)} answered ${r.status} to /v2/: is it a registry?`, 'refused');
}

/** Repositories from /v2/_catalog (registries may refuse it, Docker Hub does: then an error). */
export async function listRepositories(key: string, o: RegistryOptions = {}): Promise<string[]> {
  const r = await registryGet(key, '/v2/_catalog?n=1000', { ...o, scope: 'registry:catalog:*' });
  if (r.status !== 200)
    throw new RegistryError(`${registryApiHost(key)} does not list its repositories (${r.status})`, 'refused');
  return ((JSON.parse(r.body) as { repositories?: string[] }).repositories ?? []).sort();
}

export async function listTags(key: string, repository: string, o: RegistryOptions = {}): Promise<string[]> {
  const r = await registryGet(key, `/v2/${repository}/tags/list`, { ...o, scope: `repository:${repository}:pull` });
  if (r.status === 404) return [];
  if (r.status !== 200)
    throw new RegistryError(`${registryApiHost(key)} answered ${r.status} for the tags of ${repository}`, 'refused');
  return ((JSON.parse(r.body) as { tags?: string[] | null }).tags ?? []).sort();
}

const manifestTypes = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
];

/** The digest a tag points at (Docker-Content-Digest of its manifest), for references by digest. */
export async function tagDigest(
  key: string,
  repository: string,
  tag: string,
  o: RegistryOptions = {},
): Promise<string> {
  const r = await registryGet(key, `/v2/${repository}/manifests/${tag}`, {
    ...o,
    method: 'HEAD',
    accept: manifestTypes,
    scope: `repository:${repository}:pull`,
  });
  const digest = r.headers.get('docker-content-digest');
  if (r.status !== 200 || !digest)
    throw new RegistryError(
      `${registryApiHost(key)} has no manifest for ${repository}:${tag} (${r.status})`,
      'refused',
    );
  return digest;
}
