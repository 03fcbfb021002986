import { promises as fs, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { normalizeName } from '../core/requirements/names';
import type { IndexVerdict } from '../core/python/availability';

/** The public index, used when neither PIP_INDEX_URL nor a pip configuration file names another. */
export const PUBLIC_INDEX = 'https://pypi.org/simple/';
const FOUND_TTL_MS = 7 * 24 * 3600 * 1000;
const MISSING_TTL_MS = 24 * 3600 * 1000;

export interface IndexCheckOptions {
  /** Ask no index: the bundled list of common names answers alone. */
  offline?: boolean;
  /** Simple-API base URL; default: what the user's pip uses. */
  indexUrl?: string;
  /** Per request (the first failure to connect ends all asking). */
  timeoutMs?: number;
  /** On-disk cache folder; default: $XDG_CACHE_HOME/ds-containers (or ~/.cache/ds-containers). */
  cacheDir?: string;
  env?: NodeJS.ProcessEnv;
}

let topNames: Set<string> | undefined;
/** The most downloaded distributions (data/top-distributions.txt, shipped beside the bundle), read on first use. */
export function bundledDistributions(): Set<string> {
  if (topNames) return topNames;
  for (const p of [
    path.join(__dirname, 'top-distributions.txt'),
    path.join(__dirname, '../top-distributions.txt'), // from the extension's lazy chunk in dist/chunks/
    path.join(__dirname, '../../../data/top-distributions.txt'),
  ]) {
    try {
      topNames = new Set(readFileSync(p, 'utf8').split('\n').filter(Boolean));
      return topNames;
    } catch {
      /* try the next place */
    }
  }
  return (topNames = new Set());
}

/**
 * The index pip would ask: PIP_INDEX_URL, else `index-url` from pip's configuration files in pip's
 * order (site-wide, then user, then PIP_CONFIG_FILE; the last one that sets it wins), else the public index.
 */
export async function pipIndexUrl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.PIP_INDEX_URL) return env.PIP_INDEX_URL;
  const home = env.HOME ?? os.homedir();
  const xdgConfig = env.XDG_CONFIG_HOME ?? path.join(home, '.config');
  const files = [
    '/etc/pip.conf',
    ...(env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':').map((d) => path.join(d, 'pip', 'pip.conf')),
    path.join(home, '.pip', 'pip.conf'),
    path.join(xdgConfig, 'pip', 'pip.conf'),
    ...(env.PIP_CONFIG_FILE ? [env.PIP_CONFIG_FILE] : []),
  ];
  let url: string | undefined;
  for (const f of files) {
    const text = await fs.readFile(f, 'utf8').catch(() => undefined);
    const found = text && indexUrlFromConfig(text);
    if (found) url = found;
  }
  return url ?? PUBLIC_INDEX;
}

/** `index-url` of a pip.conf's [global] or [install] section. */
export function indexUrlFromConfig(text: string): string | undefined {
  let section = '';
  let url: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const sec = /^\s*\[([^\]]+)\]/.exec(line);
    if (sec) {
      section = sec[1].trim();
      continue;
    }
    const kv = /^\s*index[-_]url\s*[=:]\s*(\S+)/.exec(line);
    if (kv && (section === 'global' || section === 'install')) url = kv[1];
  }
  return url;
}

type Cache = Record<string, { found: boolean; at: number }>;

/**
 * Whether each name exists on the index (PEP 503 HTML or PEP 691 JSON simple API: a project page answers
 * 200, an unknown project 404). The bundled list answers first, then the cache, then the index; when the
 * index cannot be reached, the remaining names are `unreachable`.
 */
export async function checkOnIndex(
  names: readonly string[],
  o: IndexCheckOptions = {},
): Promise<{ verdicts: Map<string, IndexVerdict>; index: string }> {
  const env = o.env ?? process.env;
  const index = (o.indexUrl ?? (await pipIndexUrl(env))).replace(/\/?$/, '/');
  const verdicts = new Map<string, IndexVerdict>();
  const top = bundledDistributions();
  const ask: string[] = [];
  for (const n of names) {
    const key = normalizeName(n);
    // The bundled list describes the public index only; a private index is asked about every name.
    if (index === PUBLIC_INDEX && top.has(key)) verdicts.set(n, 'found');
    else ask.push(n);
  }
  if (!ask.length) return { verdicts, index };
  if (o.offline) {
    for (const n of ask) verdicts.set(n, 'offline');
    return { verdicts, index };
  }
  const cacheFile = path.join(
    o.cacheDir ?? path.join(env.XDG_CACHE_HOME ?? path.join(env.HOME ?? os.homedir(), '.cache'), 'ds-containers'),
    `index-${createHash('sha256').update(index).digest('hex').slice(0, 16)}.json`,
  );
  const cache: Cache = JSON.parse(await fs.readFile(cacheFile, 'utf8').catch(() => '{}')) as Cache;
  const now = Date.now();
  let reachable = true;
  let changed = false;
  const todo = ask.filter((n) => {
    const c = cache[normalizeName(n)];
    if (c && now - c.at < (c.found ? FOUND_TTL_MS : MISSING_TTL_MS)) {
      verdicts.set(n, c.found ? 'found' : 'missing');
      return false;
    }
    return true;
  });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const n = todo[next++];
      if (!reachable) {
        verdicts.set(n, 'unreachable');
        continue;
      }
      const status = await projectStatus(projectUrl(index, normalizeName(n)), o.timeoutMs ?? 3000);
      if (status === 200 || status === 404) {
        verdicts.set(n, status === 200 ? 'found' : 'missing');
        cache[normalizeName(n)] = { found: status === 200, at: now };
        changed = true;
      } else {
        reachable = false;
        verdicts.set(n, 'unreachable');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, todo.length) }, worker));
  if (changed) {
    await fs
      .mkdir(path.dirname(cacheFile), { recursive: true })
      .then(
        () => fs.writeFile(cacheFile, JSON.stringify(cache)),
        () => undefined,
      )
      .catch(() => undefined);
  }
  return { verdicts, index };
}

function projectUrl(index: string, name: string): URL | undefined {
  try {
    return new URL(`${name}/`, index);
  } catch {
    return undefined;
  }
}

/** HTTP status of the index's page for a project (redirects followed twice), or 0 when it cannot be reached. */
function projectStatus(url: URL | undefined, timeoutMs: number, redirects = 2): Promise<number> {
  return new Promise((resolve) => {
    if (!url) {
      resolve(0);
      return;
    }
    const get = url.protocol === 'https:' ? https.get : url.protocol === 'http:' ? http.get : undefined;
    if (!get) {
      resolve(0);
      return;
    }
    const headers: Record<string, string> = {
      Accept: 'application/vnd.pypi.simple.v1+json, text/html;q=0.1',
      'User-Agent': 'ds-containers',
    };
    if (url.username) {
      const userPass = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
      headers.Authorization = `Basic ${Buffer.from(userPass).toString('base64')}`;
    }
    const req = get(url, { headers, timeout: timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && redirects > 0) {
        resolve(projectStatus(new URL(res.headers.location, url), timeoutMs, redirects - 1));
      } else resolve(status === 200 || status === 404 || status === 410 ? (status === 410 ? 404 : status) : 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}
