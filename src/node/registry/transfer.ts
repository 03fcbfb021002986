// Push and pull with the credentials Docker would use, and the engine's refusals turned into one
// line that says what to do.
import { Engine } from '../docker/engine';
import { transferLine, TransferMessage } from '../../core/registry/challenge';
import {
  dockerHub,
  dockerHubAuthKey,
  parseReference,
  registryLabel,
  repositoryPath,
} from '../../core/registry/reference';
import { getCredentials } from './credentials';

export class TransferError extends Error {}

export interface TransferResult {
  /** The pushed manifest's digest (push), or the pulled image's (pull), when the engine reported it. */
  digest?: string;
}

/** The key of a reference's registry in the Docker config (Docker Hub has its own). */
export function authKeyOf(ref: string): string {
  const r = parseReference(ref).registry;
  return r === dockerHub ? dockerHubAuthKey : r;
}

/** Pushes or pulls `ref`; onLine gets condensed progress ("layer: Pushed"). Throws TransferError for a refusal. */
export async function transferImage(
  engine: Engine,
  kind: 'push' | 'pull',
  ref: string,
  o: {
    env?: NodeJS.ProcessEnv;
    onLine?: (l: string) => void;
    signal?: AbortSignal;
    /** What to do to log in, for a refusal; the CLI's command by default. */
    loginHint?: string;
  } = {},
): Promise<TransferResult> {
  const key = authKeyOf(ref);
  const shown = registryLabel(key);
  const creds = await getCredentials(key, o.env);
  const seen = new Map<string, string>();
  let digest: string | undefined;
  const error = await engine.transfer(
    kind,
    ref,
    creds && { ...creds, serveraddress: key },
    (m) => {
      const t = m as TransferMessage;
      if (t.aux?.Digest) digest = t.aux.Digest;
      const d = /Digest: (sha256:[a-f0-9]{64})/.exec(t.status ?? '');
      if (d) digest = d[1];
      const line = transferLine(t, seen);
      if (line) o.onLine?.(line);
    },
    o.signal,
  );
  if (error) {
    const login = o.loginHint ?? `ds-containers login ${shown}`;
    throw new TransferError(explain(kind, error, shown, repositoryPath(ref), !!creds, login));
  }
  return { digest };
}

// What the engine says when the registry cannot be reached at all.
const UNREACHABLE = new RegExp(
  [
    'connection refused|no such host|dial tcp|i/o timeout|timeout|network is unreachable',
    'server gave HTTP response to HTTPS',
  ].join('|'),
  'i',
);

function explain(
  kind: 'push' | 'pull',
  message: string,
  registry: string,
  name: string,
  hadCreds: boolean,
  login: string,
): string {
  const msg = message.trim().split('\n')[0];
  // Logged in, and still "denied" (not "unauthorized"): the login is fine, the name is not one this
  // account may write (Docker Hub, GHCR and token registries say so for someone else's namespace).
  if (hadCreds && /denied/i.test(msg) && !/unauthorized|authentication required|incorrect|401/i.test(msg)) {
    return kind === 'push'
      ? `${registry} refused the push to ${name} (${msg}): the login may not push there; ` +
          'push under a namespace your account owns, e.g. your user or team name'
      : `${registry} refused the pull of ${name} (${msg}): it does not exist or the login may not pull it`;
  }
  if (/unauthorized|authentication required|no basic auth credentials|denied|401/i.test(msg)) {
    return hadCreds
      ? `${registry} refused the ${kind} with the stored credentials (${msg}): ` + `log in again with ${login}`
      : `${registry} refused the ${kind}: log in first with ${login}`;
  }
  if (UNREACHABLE.test(msg)) return `cannot reach the registry at ${registry}: ${msg}`;
  if (/name invalid|invalid reference|repository name|NAME_INVALID|manifest invalid|TAG_INVALID/i.test(msg))
    return `${registry} rejected the name: ${msg}`;
  if (kind === 'pull' && /not found|manifest unknown/i.test(msg)) return `${registry} has no such image: ${msg}`;
  return `${kind} failed: ${msg}`;
}
