import { nameAndTag } from '../registry/reference';
// Human figures for the explorer: sizes, ages, ports, states. Pure; `now` is passed in.
import { ContainerInfo, ContainerState, PortBinding } from './types';

/** Decimal units, as `docker images` prints them: 145MB, 1.07GB. The one size format (trees, hints, messages). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0B';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 || i === 0 ? 0 : v >= 10 ? 1 : 2;
  return `${Number(v.toFixed(digits))}${units[i]}`;
}

/** "just now", "5 minutes ago", "3 days ago"; created and now in seconds since the epoch. */
export function formatAge(created: number, now: number): string {
  if (!created) return 'unknown age';
  const s = Math.max(0, now - created);
  const steps: [number, string][] = [
    [31536000, 'year'],
    [2592000, 'month'],
    [604800, 'week'],
    [86400, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [n, unit] of steps) {
    const k = Math.floor(s / n);
    if (k >= 1) return `${k} ${unit}${k > 1 ? 's' : ''} ago`;
  }
  return 'just now';
}

/** The address a user opens in a browser for a published port. */
export function portUrl(p: PortBinding, engineHost = '127.0.0.1'): string | undefined {
  if (!p.hostPort) return undefined;
  const ip = !p.hostIp || p.hostIp === '0.0.0.0' || p.hostIp === '::' ? engineHost : p.hostIp;
  return `http://${ip.includes(':') ? `[${ip}]` : ip}:${p.hostPort}`;
}

/** "127.0.0.1:49153→8888" for published ports, "8888/udp" for exposed ones. */
export function formatPorts(ports: PortBinding[]): string {
  return ports
    .filter((p) => p.hostPort)
    .map((p) => {
      const ip = p.hostIp && p.hostIp !== '0.0.0.0' && p.hostIp !== '::' ? `${p.hostIp}:` : '';
      return `${ip}${p.hostPort}→${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
    })
    .join(', ');
}

/** Codicon id and theme color id for a container state. */
export function stateIcon(state: ContainerState): { icon: string; color?: string } {
  switch (state) {
    case 'running':
      return { icon: 'debug-start', color: 'testing.iconPassed' };
    case 'paused':
      return { icon: 'debug-pause', color: 'list.warningForeground' };
    case 'restarting':
      return { icon: 'sync', color: 'list.warningForeground' };
    case 'created':
      return { icon: 'circle-outline' };
    case 'exited':
      return { icon: 'debug-stop' };
    default:
      return { icon: 'error', color: 'list.errorForeground' };
  }
}

/** Running and transitional states first (what the user is working with), then the rest. */
export function stateRank(c: ContainerInfo): number {
  return ({ running: 0, restarting: 1, paused: 2, removing: 3, created: 4, exited: 5, dead: 6 } as const)[c.state] ?? 6;
}

/** "repo", "tag" of "registry:5000/team/repo:tag"; a reference without tag means latest. */
export function splitTag(ref: string): { repository: string; tag: string } {
  const r = nameAndTag(ref);
  return { repository: r.name, tag: r.tag ?? 'latest' };
}

export const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
