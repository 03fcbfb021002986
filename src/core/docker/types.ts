/** Our own view of the engine's objects; the explorer and the commands never see dockerode types. */
export interface ImageInfo {
  id: string;
  /** "repo:tag" entries; empty for a dangling image. */
  tags: string[];
  /** Seconds since the epoch. */
  created: number;
  size: number;
  labels: Record<string, string>;
  /** Registry digests (`repo@sha256:…`), from inspect only: the list call does not carry them. */
  repoDigests?: string[];
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortBinding {
  containerPort: number;
  protocol: string;
  hostIp?: string;
  hostPort?: number;
}

export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  imageId: string;
  state: ContainerState;
  /** Human status from the engine, e.g. "Up 3 minutes". */
  status: string;
  created: number;
  ports: PortBinding[];
  labels: Record<string, string>;
  /** The compose project, from the com.docker.compose.project label. */
  composeProject?: string;
}

/** One engine event, reduced to what refresh and UI need. */
export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  time: number;
}

/** What pruning dangling images removed, and the bytes it freed. */
export interface PruneResult {
  deleted: string[];
  spaceReclaimed: number;
}

/** How the explorer arranges its trees (from the dsContainers.explorer.* settings). */
export interface ExplorerOptions {
  imageGroupBy: 'repository' | 'none';
  imageSortBy: 'name' | 'created' | 'size';
  containerGroupBy: 'composeProject' | 'image' | 'none';
  containerSortBy: 'state' | 'name' | 'created';
}

/** An interactive terminal session on the engine (exec or attach with a TTY). */
export interface TtySession {
  onData(cb: (text: string) => void): void;
  /** Called once when the process ends; code when the engine knows it. */
  onExit(cb: (code?: number) => void): void;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  close(): void;
}

/** A container that the explorer ran from an image, with the host ports the engine chose. */
export interface RunResult {
  id: string;
  name: string;
  ports: PortBinding[];
}

/** One entry of an image's history (oldest first), as the inlay hints need it. */
export interface LayerHistory {
  createdBy: string;
  size: number;
  created: number;
}

/** The resolved settings of a container to run (see node/docker/run). */
export interface RunSpec {
  image: string;
  name?: string;
  /** Container ports to publish on 127.0.0.1 (host port: the same when free, else any). */
  ports: number[];
  /** Host ports wanted for some container ports (Jupyter's stable per-project port) instead of the same number. */
  hostPorts?: Record<number, number>;
  /** Bind mount of the project folder, e.g. { host: '/abs/proj', container: '/app' }. */
  mount?: { host: string; container: string };
  /** Read-only bind mounts (the data a script run reads when the project is not mounted). */
  readOnlyMounts?: { host: string; container: string }[];
  /** Remove the container when it exits (one-shot scripts). */
  autoRemove: boolean;
  labels: Record<string, string>;
  cmd?: string[];
  entrypoint?: string[];
  env?: string[];
  tty?: boolean;
  /** Keep stdin open for an attached client (with tty: like `docker run -it`). */
  stdin?: boolean;
  /** `uid:gid` (or a name) the container runs as (`docker run --user`); default: the image's USER. The size probe
   * runs as root to read root's caches. */
  user?: string;
  /** 'none': no network at all (probes that must not reach anything, like `docker run --network none`). */
  network?: 'none';
}
