// Engine JSON (as /images/json and /containers/json return it) → our types. Tolerant of
// missing or null fields: older engines, odd states and half-removed objects all occur.
import { ContainerInfo, ContainerState, ImageInfo, PortBinding, EngineEvent } from './types';

type Raw = Record<string, unknown>;

const STATES: ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const num = (v: unknown, dflt = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
const str = (v: unknown, dflt = '') => (typeof v === 'string' ? v : dflt);
const labels = (v: unknown): Record<string, string> => (v && typeof v === 'object' ? { ...(v as Record<string, string>) } : {});

/** One image from /images/json. `<none>:<none>` tags are dropped: an image without tags is dangling. */
export function imageFromEngine(raw: Raw): ImageInfo {
  const tags = Array.isArray(raw.RepoTags) ? raw.RepoTags.filter((t): t is string => typeof t === 'string' && t !== '<none>:<none>') : [];
  return { id: str(raw.Id), tags, created: num(raw.Created), size: Math.max(0, num(raw.Size)), labels: labels(raw.Labels) };
}

/** One container from /containers/json?all=1. */
export function containerFromEngine(raw: Raw): ContainerInfo {
  const id = str(raw.Id);
  const names = Array.isArray(raw.Names) ? raw.Names.filter((n): n is string => typeof n === 'string') : [];
  const name = names.length ? names[0].replace(/^\//, '') : id.slice(0, 12);
  const state = STATES.includes(raw.State as ContainerState) ? (raw.State as ContainerState) : 'dead';
  const l = labels(raw.Labels);
  return {
    id,
    name,
    image: str(raw.Image, str(raw.ImageID)),
    imageId: str(raw.ImageID),
    state,
    status: str(raw.Status) || state,
    created: num(raw.Created),
    ports: portsFromEngine(raw.Ports),
    labels: l,
    composeProject: l['com.docker.compose.project'] || undefined,
  };
}

/** Published ports once each: the engine lists an IPv4 and an IPv6 binding of the same port. */
function portsFromEngine(v: unknown): PortBinding[] {
  if (!Array.isArray(v)) return [];
  const seen = new Set<string>();
  const out: PortBinding[] = [];
  for (const p of v as Raw[]) {
    const b: PortBinding = { containerPort: num(p.PrivatePort), protocol: str(p.Type, 'tcp') };
    if (typeof p.PublicPort === 'number') {
      b.hostPort = p.PublicPort;
      b.hostIp = str(p.IP) || undefined;
    }
    const key = `${b.containerPort}/${b.protocol}>${b.hostPort ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(b);
  }
  return out.sort((a, b) => a.containerPort - b.containerPort || (a.hostPort ?? 0) - (b.hostPort ?? 0));
}

/** One message from /events; undefined for what is not an object event. */
export function eventFromEngine(raw: Raw): EngineEvent | undefined {
  const type = str(raw.Type);
  if (!type) return undefined;
  const actor = (raw.Actor ?? {}) as Raw;
  return { type, action: str(raw.Action ?? raw.status), id: str(actor.ID ?? raw.id), time: num(raw.time) };
}
