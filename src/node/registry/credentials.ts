// Registry credentials where Docker keeps them: $DOCKER_CONFIG/config.json (default ~/.docker), inline
// in `auths` or in the credential helper that credHelpers / credsStore name. A login here is visible
// to `docker pull`, and the reverse.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  credentialSource,
  Credentials,
  DockerConfig,
  fileCredentials,
  withLogin,
  withLogout,
} from '../../core/registry/dockerConfig';
import { helperErase, helperGet, helperStore } from './credHelper';

/** The folder holding config.json: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(dockerConfigDir(env), 'config.json');
}

/** The config, {} when there is none; a broken file is an error naming it (never overwritten). */
export async function readDockerConfig(env: NodeJS.ProcessEnv = process.env): Promise<DockerConfig> {
  const file = dockerConfigPath(env);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  if (!text.trim()) return {};
  try {
    const j = JSON.parse(text) as unknown;
    if (j && typeof j === 'object' && !Array.isArray(j)) return j as DockerConfig;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); fix or move it, it is left untouched`);
  }
  throw new Error(`${file}: not a JSON object; fix or move it, it is left untouched`);
}

/** Writes the config readable by its owner only (it may hold credentials), replacing it atomically. */
async function writeDockerConfig(config: DockerConfig, env: NodeJS.ProcessEnv): Promise<string> {
  const file = dockerConfigPath(env);
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(config, null, '\t') + '\n', { mode: 0o600 });
  await fs.rename(tmp, file);
  return file;
}

/** The credentials for a registry key, from its helper or the file; undefined when there are none. */
export async function getCredentials(
  key: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Credentials | undefined> {
  const config = await readDockerConfig(env);
  const src = credentialSource(config, key);
  if (src.kind === 'helper') return helperGet(src.helper, key, env);
  return fileCredentials(config, key);
}

/** Stores a login as Docker does: in the helper when one is configured (the file keeps an empty entry), else inline. */
export async function storeCredentials(
  key: string,
  creds: Credentials,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const config = await readDockerConfig(env);
  const src = credentialSource(config, key);
  if (src.kind === 'helper') {
    await helperStore(src.helper, key, creds, env);
    await writeDockerConfig(withLogin(config, key, undefined), env);
    return `the credential helper docker-credential-${src.helper}`;
  }
  return writeDockerConfig(withLogin(config, key, creds), env);
}

/** Removes a login from the helper and the file; false when there was none. */
export async function eraseCredentials(key: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const config = await readDockerConfig(env);
  const src = credentialSource(config, key);
  const had = !!config.auths?.[key] || (src.kind === 'helper' && !!(await helperGet(src.helper, key, env)));
  if (src.kind === 'helper') await helperErase(src.helper, key, env);
  if (config.auths?.[key]) await writeDockerConfig(withLogout(config, key), env);
  return had;
}
