/**
 * Docker's client configuration ($DOCKER_CONFIG/config.json) as data: where the credentials for a
 * registry live and how a login or logout changes the file. Pure; the node layer reads and writes it.
 * Keys other than auths/credsStore/credHelpers are kept untouched.
 */
import { dockerHubAuthKey } from './reference';

export interface DockerConfig {
  auths?: Record<string, { auth?: string; identitytoken?: string; email?: string }>;
  /** A docker-credential-NAME helper for every registry. */
  credsStore?: string;
  /** A helper per registry, taking precedence over credsStore. */
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

export interface Credentials {
  username: string;
  /** A password, or an identity token when username is "<token>" (the helpers' convention). */
  secret: string;
}

export type CredentialSource = { kind: 'helper'; helper: string } | { kind: 'file' };

/** Where this registry's credentials are read from and written to. */
export function credentialSource(config: DockerConfig, key: string): CredentialSource {
  const helper =
    config.credHelpers?.[key] ?? (key === dockerHubAuthKey ? config.credHelpers?.['docker.io'] : undefined);
  if (helper) return { kind: 'helper', helper };
  if (config.credsStore) return { kind: 'helper', helper: config.credsStore };
  return { kind: 'file' };
}

/** Credentials kept in the file itself (`auths[key].auth` = base64 "user:password"). */
export function fileCredentials(config: DockerConfig, key: string): Credentials | undefined {
  const entry = config.auths?.[key] ?? config.auths?.[`https://${key}`] ?? config.auths?.[`http://${key}`];
  if (entry?.identitytoken) return { username: '<token>', secret: entry.identitytoken };
  if (!entry?.auth) return undefined;
  const text = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), secret: text.slice(colon + 1) };
}

/**
 * The config after a login: credentials inline when no store is configured, else an empty marker entry
 * (as Docker does).
 */
export function withLogin(config: DockerConfig, key: string, creds: Credentials | undefined): DockerConfig {
  const auths = { ...(config.auths ?? {}) };
  auths[key] = creds ? { auth: Buffer.from(`${creds.username}:${creds.secret}`, 'utf8').toString('base64') } : {};
  return { ...config, auths };
}

/** The config after a logout: the registry's entry gone. */
export function withLogout(config: DockerConfig, key: string): DockerConfig {
  const auths = { ...(config.auths ?? {}) };
  delete auths[key];
  return { ...config, auths };
}

/** Registries the config knows (auths plus credHelpers), as keys. */
export function knownRegistries(config: DockerConfig): string[] {
  return [...new Set([...Object.keys(config.auths ?? {}), ...Object.keys(config.credHelpers ?? {})])].sort();
}
