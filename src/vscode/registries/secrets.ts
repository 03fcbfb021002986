// The credentials the Registries view browses with (the Registry HTTP API v2: catalog, tags, digests).
// Docker's own login (config.json or its credential helper) comes first: push and pull use it too, and a
// `docker login` made elsewhere should just work. A password the view itself asks for, to browse a
// registry nobody logged in to, is kept in VS Code's SecretStorage (the OS keychain where there is one),
// never in settings, never in a file of ours.
import * as vscode from 'vscode';
import { Credentials } from '../../core/registry/dockerConfig';
import { getCredentials } from '../../node/registry/credentials';

/** Where a registry's browsing credentials came from, as the view says it. */
export type CredentialOrigin = 'docker' | 'secret storage';

export class BrowseCredentials {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  /** Docker's login for `key`, else the view's own secret; neither: no credentials (anonymous). */
  async get(key: string): Promise<{ creds?: Credentials; origin?: CredentialOrigin }> {
    const docker = await getCredentials(key, process.env);
    if (docker) return { creds: docker, origin: 'docker' };
    const own = await this.own(key);
    return own ? { creds: own, origin: 'secret storage' } : {};
  }

  /** The view's own secret for `key` (undefined when none, or when what is stored is not ours). */
  async own(key: string): Promise<Credentials | undefined> {
    const text = await this.secrets.get(secretKey(key));
    if (!text) return undefined;
    try {
      const c = JSON.parse(text) as Partial<Credentials>;
      return typeof c.username === 'string' && typeof c.secret === 'string'
        ? { username: c.username, secret: c.secret }
        : undefined;
    } catch {
      return undefined;
    }
  }

  store(key: string, creds: Credentials): Thenable<void> {
    return this.secrets.store(secretKey(key), JSON.stringify({ username: creds.username, secret: creds.secret }));
  }

  /** Forgets the view's secret for `key`; true when there was one. */
  async forget(key: string): Promise<boolean> {
    const had = (await this.secrets.get(secretKey(key))) !== undefined;
    if (had) await this.secrets.delete(secretKey(key));
    return had;
  }
}

/** One SecretStorage entry per registry key (a key is a host[:port], or Docker Hub's URL). */
function secretKey(key: string): string {
  return `dsContainers.registry.browse:${key}`;
}
