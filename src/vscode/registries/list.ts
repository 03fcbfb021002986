// Which registries the Registries view shows: the ones in Docker's config (logins made here, by the
// CLI or by `docker login`) plus the ones added with Add Registry, minus the ones removed from the view.
import { knownRegistries } from '../../core/registry/dockerConfig';
import { registryKey } from '../../core/registry/reference';
import { readDockerConfig } from '../../node/registry/credentials';
import { setting, updateUserSetting } from '../platform/settings';

export interface RegistryEntry {
  /** As Docker keys it in config.json (Docker Hub's key is its v1 URL). */
  key: string;
  /** Docker's config has an entry for it: a login made here, by the CLI or by docker login. */
  loggedIn: boolean;
}

/** The registries to show, sorted; a broken Docker config is an error naming the file. */
export async function listRegistries(): Promise<RegistryEntry[]> {
  const config = await readDockerConfig(process.env);
  const inConfig = new Set(knownRegistries(config));
  const hidden = new Set(setting('registries.hidden').map(registryKey));
  const keys = new Set([...inConfig, ...setting('registries.added').map(registryKey)]);
  return [...keys]
    .filter((k) => !hidden.has(k))
    .sort()
    .map((key) => ({ key, loggedIn: inConfig.has(key) }));
}

/** Shows a registry in the view (again, when it had been removed from it). */
export async function addRegistry(key: string): Promise<void> {
  const added = setting('registries.added').map(registryKey);
  if (!added.includes(key)) await updateUserSetting('registries.added', [...added, key].sort());
  const hidden = setting('registries.hidden').map(registryKey);
  if (hidden.includes(key))
    await updateUserSetting(
      'registries.hidden',
      hidden.filter((h) => h !== key),
    );
}

/** Takes a registry out of the view; a login stays in Docker's config (Log Out removes that). */
export async function removeRegistry(key: string, inDockerConfig: boolean): Promise<void> {
  const added = setting('registries.added').map(registryKey);
  if (added.includes(key))
    await updateUserSetting(
      'registries.added',
      added.filter((a) => a !== key),
    );
  const hidden = setting('registries.hidden').map(registryKey);
  if (inDockerConfig && !hidden.includes(key)) await updateUserSetting('registries.hidden', [...hidden, key].sort());
}
