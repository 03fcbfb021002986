import * as https from 'https';
import type * as RegistryModule from 'dockerfile-language-service/lib/dockerRegistryClient';

/**
 * dockerfile-language-service completes `FROM image:` tags by asking Docker Hub over https with
 * no timeout: offline behind a firewall that drops packets, the completion never returns. We
 * replace its one transport method so every look-up has a deadline, and after a failure we stop
 * asking for a while (`cooldownMs`) so an offline editor answers at once and says nothing.
 */
export interface RegistryPolicy {
  /** Off: no network at all, tag completion offers nothing. A function is asked before each look-up. */
  enabled: boolean | (() => boolean);
  /** Deadline for each request, connection included. */
  timeoutMs: number;
  /** After a network failure, skip look-ups for this long. */
  cooldownMs: number;
  /** The https GET to use; tests inject one that reaches a local socket. */
  get?: typeof https.get;
}

export const defaultRegistryPolicy: RegistryPolicy = { enabled: true, timeoutMs: 2000, cooldownMs: 60_000 };

let policy: RegistryPolicy = defaultRegistryPolicy;
let quietUntil = 0;

interface Transport {
  performHttpsGet(opts: https.RequestOptions): Promise<unknown>;
}

function boundedGet(opts: https.RequestOptions): Promise<unknown> {
  if (!(typeof policy.enabled === 'function' ? policy.enabled() : policy.enabled))
    return Promise.reject(new Error('registry look-ups are off'));
  if (Date.now() < quietUntil) return Promise.reject(new Error('registry unreachable a moment ago'));
  const { timeoutMs, cooldownMs, get = https.get } = policy;
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      quietUntil = Date.now() + cooldownMs;
      reject(e);
    };
    const timer = setTimeout(() => {
      req.destroy(new Error(`registry did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const req = get({ ...opts, timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        clearTimeout(timer);
        res.resume();
        reject(new Error(`registry answered ${res.statusCode}`));
        return;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('error', fail);
      res.on('end', () => {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(body));
        } catch (e) {
          reject(e as Error);
        }
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
  });
}

/** Applies `p` to every DockerRegistryClient (the library creates one per completion request). */
export function limitRegistryLookups(p: Partial<RegistryPolicy> = {}): void {
  policy = { ...defaultRegistryPolicy, ...p };
  quietUntil = 0;
  const { DockerRegistryClient } =
    require('dockerfile-language-service/lib/dockerRegistryClient') as typeof RegistryModule;
  (DockerRegistryClient.prototype as unknown as Transport).performHttpsGet = boundedGet;
}
