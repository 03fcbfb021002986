// Engine JSON (as /images/json and /containers/json return it) → our types. Tolerant of
// missing or null fields: older engines, odd states and half-removed objects all occur.
import { ContainerInfo, ContainerState, ImageInfo, LayerHistory, PortBinding, EngineEvent, RunResult } from './types';

type Raw = Record<string, unknown>;

const STATES: ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const num = (v: unknown, dflt = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
const str = (v: unknown, dflt = '') => (typeof v === 'string' ? v : dflt);
const labels = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' ? { ...(v as Record<string, string>) } : {};

/** One image from /images/json. `<none>:<none>` tags are dropped: an image without tags is dangling. */
export function imageFromEngine(raw: Raw): ImageInfo {
  const tags = Array.isArray(raw.RepoTags)
    ? raw.RepoTags.filter((t): t is string => typeof t === 'string' && t !== '<none>:<none>')
    : [];
  return {
    id: str(raw.Id),
    tags,
    created: num(raw.Created),
    size: Math.max(0, num(raw.Size)),
    labels: labels(raw.Labels),
  };
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

/** A container's inspect JSON → its id, name and every published port binding. */
export function runResultFromInspect(raw: Raw): RunResult {
  const ports: PortBinding[] = [];
  const published = ((raw.NetworkSettings ?? {}) as Raw).Ports;
  for (const [key, binds] of Object.entries((published ?? {}) as Record<string, unknown>)) {
    const [port, protocol] = key.split('/');
    for (const b of (Array.isArray(binds) ? binds : []) as Raw[]) {
      ports.push({
        containerPort: Number(port),
        protocol: protocol ?? 'tcp',
        hostIp: str(b.HostIp) || undefined,
        hostPort: Number(b.HostPort),
      });
    }
  }
  return { id: str(raw.Id), name: str(raw.Name).replace(/^\//, ''), ports };
}

/** Container port → host port, the first binding of each (what a URL needs). */
export function hostPortMap(r: RunResult): Map<number, number> {
  const m = new Map<number, number>();
  for (const p of r.ports) if (p.hostPort && !m.has(p.containerPort)) m.set(p.containerPort, p.hostPort);
  return m;
}

/** An image's inspect JSON → our summary. */
export function imageFromInspect(raw: Raw): ImageInfo {
  const config = (raw.Config ?? {}) as Raw;
  return {
    id: str(raw.Id),
    tags: Array.isArray(raw.RepoTags) ? raw.RepoTags.map(String) : [],
    created: Math.floor(Date.parse(str(raw.Created)) / 1000),
    size: num(raw.Size),
    labels: labels(config.Labels),
    repoDigests: Array.isArray(raw.RepoDigests) ? raw.RepoDigests.map(String) : [],
  };
}

/** What decides how to run an image: its command, entrypoint, exposed ports and labels. */
export interface ImageRunConfig {
  cmd: string[];
  entrypoint: string[];
  exposed: number[];
  labels: Record<string, string>;
  /** The image's WORKDIR ('' when unset): where a development run mounts the project. */
  workdir: string;
  /** The image's USER ('' for root, a name or `uid[:gid]`): a run as the caller's UID compares with it. */
  user: string;
}

export function runConfigFromInspect(raw: Raw): ImageRunConfig {
  const config = (raw.Config ?? {}) as Raw;
  const arr = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
  const exposed = Object.keys((config.ExposedPorts ?? {}) as Raw).map((p) => Number(p.split('/')[0]));
  return {
    cmd: arr(config.Cmd),
    entrypoint: arr(config.Entrypoint),
    exposed: [...new Set(exposed)],
    labels: labels(config.Labels),
    workdir: str(config.WorkingDir),
    user: str(config.User),
  };
}

/** An image's history (the engine lists the newest first) → oldest entry first. */
export function layersFromHistory(raw: Raw[]): LayerHistory[] {
  return [...raw].reverse().map((e) => ({ createdBy: str(e.CreatedBy), size: num(e.Size), created: num(e.Created) }));
}
