// The ONLY file that imports dockerode. Everything else talks to the engine through Engine,
// which returns our own types, puts a timeout on every call, and turns a connection failure
// into one clear EngineUnreachable error.
// Pure shaping lives in core/docker (shape.ts, create.ts), stream plumbing in ./streams.ts.
import type Docker from 'dockerode';
import { Endpoint } from './endpoint';
import { nameAndTag } from '../../core/registry/reference';
import { trace } from '../trace';
import { sshAgent } from './ssh';
import type { Readable } from 'stream';
import {
  ContainerInfo,
  EngineEvent,
  ImageInfo,
  LayerHistory,
  PruneResult,
  RunResult,
  RunSpec,
  TtySession,
} from '../../core/docker/types';
import {
  containerFromEngine,
  eventFromEngine,
  hostPortMap,
  imageFromEngine,
  imageFromInspect,
  ImageRunConfig,
  layersFromHistory,
  runConfigFromInspect,
  runResultFromInspect,
} from '../../core/docker/shape';
import { containerCreateBody, HostPorts } from '../../core/docker/create';
import { changesFromEngine, FileChange } from '../../core/docker/changes';
import { Demuxer } from '../../core/docker/demux';
import { EngineKind, engineKindOf } from '../../core/docker/engineKind';
import { endOf, framesToText, readJsonLines, readOutput, ttySession } from './streams';

type Raw = Record<string, unknown>;

/** Credentials for one registry, as the engine's X-Registry-Auth wants them. */
export interface RegistryAuth {
  username: string;
  /** Password, or identity token when username is "<token>". */
  secret: string;
  serveraddress: string;
}

export class EngineUnreachable extends Error {
  constructor(
    readonly endpoint: string,
    readonly cause?: unknown,
  ) {
    super(`cannot reach Docker at ${endpoint}: is the engine running?`);
  }
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOENT',
  'EACCES',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EPIPE',
]);

/** The engine's refusal of a host port another process (or container) holds. */
export function isPortTaken(e: unknown): boolean {
  return /port is already allocated|address already in use/i.test(String((e as Error | undefined)?.message));
}

/** For a `.catch`: an engine 404 (no such image or container) becomes `value`; any other error stays one. */
export function absentAs<T>(value: T): (e: unknown) => T {
  return (e) => {
    if ((e as { statusCode?: number }).statusCode === 404) return value;
    throw e;
  };
}

export function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return !!err && ((!!err.code && UNREACHABLE.has(err.code)) || /timeout|socket hang up/i.test(err.message ?? ''));
}

function options(ep: Endpoint, timeout?: number): Docker.DockerOptions {
  const o: Docker.DockerOptions = ep.socketPath
    ? { socketPath: ep.socketPath }
    : ep.protocol === 'ssh'
      ? // docker-modem takes `agent`; its types do not say so
        ({ protocol: 'http', host: ep.host, port: ep.port, agent: sshAgent(ep) } as Docker.DockerOptions)
      : { protocol: ep.protocol, host: ep.host, port: ep.port, username: ep.username, ...(ep.tls ?? {}) };
  if (timeout) o.timeout = timeout;
  return o;
}

export class Engine {
  /** Request/response calls, each bounded by the timeout. */
  protected readonly api: Docker;
  /** Long-lived streams (events, build, logs, attach): no idle timeout. */
  protected readonly streams: Docker;

  constructor(
    readonly endpoint: Endpoint,
    readonly timeoutMs = 15000,
  ) {
    // Loaded on first use, from its own bundle: dockerode (with gRPC for BuildKit) is most of
    // our code by size, and the editor should not parse it until Docker is actually needed.
    const Dockerode: typeof Docker = require('dockerode');
    this.api = new Dockerode(options(endpoint, timeoutMs));
    this.streams = new Dockerode(options(endpoint));
  }

  /** Runs one engine call; connection failures become EngineUnreachable. */
  protected async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (isUnreachable(e)) throw new EngineUnreachable(this.endpoint.url, e);
      throw e;
    }
  }

  async ping(): Promise<void> {
    await this.call(() => this.api.ping());
  }

  /** Engine version and API version, e.g. { version: "20.10.24", apiVersion: "1.41" }. */
  async version(): Promise<{ version: string; apiVersion: string; os: string; arch: string; engine: EngineKind }> {
    const v = await this.call(() => this.api.version());
    return {
      version: v.Version,
      apiVersion: v.ApiVersion,
      os: v.Os,
      arch: v.Arch,
      engine: engineKindOf(v as unknown as Raw),
    };
  }

  // ── images and containers (explorer) ─────────────────────────────────────

  /** Every image (tagged and dangling; not intermediate layers). */
  async listImages(): Promise<ImageInfo[]> {
    const raw = await this.call(() => this.api.listImages({ all: false }));
    return (raw as unknown as Record<string, unknown>[]).map(imageFromEngine);
  }

  /** Every container, stopped ones included. */
  async listContainers(): Promise<ContainerInfo[]> {
    const raw = await this.call(() => this.api.listContainers({ all: true }));
    return (raw as unknown as Record<string, unknown>[]).map(containerFromEngine);
  }

  /** The engine's own inspect JSON, pretty-printed, for a read-only document. */
  async inspect(kind: 'container' | 'image', id: string): Promise<string> {
    const data: unknown = await this.act<unknown>(() =>
      kind === 'container' ? this.api.getContainer(id).inspect() : this.api.getImage(id).inspect(),
    );
    return JSON.stringify(data, null, 2);
  }

  async startContainer(id: string): Promise<void> {
    await this.act(() => this.api.getContainer(id).start(), 304);
  }

  async stopContainer(id: string, timeoutSeconds = 10): Promise<void> {
    await this.act(() => this.api.getContainer(id).stop({ t: timeoutSeconds }), 304);
  }

  async restartContainer(id: string, timeoutSeconds = 10): Promise<void> {
    await this.act(() => this.api.getContainer(id).restart({ t: timeoutSeconds }));
  }

  /** Removes a container (force stops it first when running); its volumes are kept. */
  async removeContainer(id: string, force = false): Promise<void> {
    await this.act(() => this.api.getContainer(id).remove({ force, v: false }));
  }

  /** `docker diff`: what changed in the container's filesystem against its image (bind mounts are not in it). */
  async containerChanges(id: string): Promise<FileChange[]> {
    const raw = (await this.act(() => this.api.getContainer(id).changes())) as unknown;
    return changesFromEngine(raw);
  }

  /** The container's working directory and where its bind mounts and volumes are. */
  async containerFiles(id: string): Promise<{ workdir: string; mounts: string[] }> {
    const raw = (await this.act(() => this.api.getContainer(id).inspect())) as unknown as Raw;
    const cfg = (raw.Config ?? {}) as Raw;
    const mounts = Array.isArray(raw.Mounts)
      ? (raw.Mounts as Raw[]).map((m) => String(m.Destination ?? '')).filter(Boolean)
      : [];
    return { workdir: typeof cfg.WorkingDir === 'string' && cfg.WorkingDir ? cfg.WorkingDir : '/', mounts };
  }

  /** A tar stream of one path inside a container (`docker cp CONTAINER:PATH -`); works on stopped containers. */
  async archive(id: string, path: string): Promise<Readable> {
    return (await this.act(() => this.streams.getContainer(id).getArchive({ path }))) as unknown as Readable;
  }

  /** The last `tail` lines a container printed (both streams), as text: e.g. a running Jupyter's URL. */
  async logsText(id: string, tail = 200): Promise<string> {
    const c = this.api.getContainer(id);
    const info = await this.act(() => c.inspect());
    const raw = (await this.act(() =>
      c.logs({ follow: false, stdout: true, stderr: true, tail }),
    )) as unknown as Uint8Array;
    const bytes = raw instanceof Uint8Array ? raw : new TextEncoder().encode(String(raw));
    if (info.Config?.Tty) return new TextDecoder().decode(bytes);
    let text = '';
    const decoder = new TextDecoder();
    new Demuxer((_s, data) => {
      text += decoder.decode(data, { stream: true });
    }).push(bytes);
    return text;
  }

  /** Adds the reference repo:tag to an image. */
  async tagImage(id: string, repo: string, tag: string): Promise<void> {
    await this.act(() => this.api.getImage(id).tag({ repo, tag }));
  }

  /** Removes an image or one of its tags (by reference); force also removes it from stopped containers' use. */
  async removeImage(idOrRef: string, force = false): Promise<void> {
    await this.act(() => this.api.getImage(idOrRef).remove({ force }));
  }

  /** Removes dangling images only (those with every `label`, when given); returns what went and the bytes freed. */
  async pruneDanglingImages(label?: string[]): Promise<PruneResult> {
    const r = await this.act(() =>
      this.api.pruneImages({ filters: { dangling: ['true'], ...(label?.length ? { label } : {}) } }),
    );
    const deleted = (r.ImagesDeleted ?? [])
      .map((d: { Deleted?: string; Untagged?: string }) => d.Deleted ?? d.Untagged ?? '')
      .filter(Boolean);
    return { deleted, spaceReclaimed: r.SpaceReclaimed ?? 0 };
  }

  /** Bytes the dangling images take (what a prune would free, before it runs). */
  async danglingSize(): Promise<number> {
    const raw = await this.call(() => this.api.listImages({ filters: { dangling: ['true'] } }));
    return (raw as unknown as Record<string, unknown>[]).map(imageFromEngine).reduce((n, i) => n + i.size, 0);
  }

  /** Runs an image detached; its exposed ports are published on 127.0.0.1 with host ports the engine picks. */
  async runImage(image: string, opts: { name?: string } = {}): Promise<RunResult> {
    const c = await this.createContainer(await this.explorerSpec(image, opts.name, false), 'any');
    await this.act(() => c.start());
    return this.runResult(c.id);
  }

  /** Creates a container with a TTY and stdin (like `docker run -it`), attaches, then starts it. */
  async runImageInteractive(
    image: string,
    size?: { cols: number; rows: number },
  ): Promise<{ run: RunResult; session: TtySession }> {
    const c = await this.createContainer(await this.explorerSpec(image, undefined, true), 'any');
    const stream = (await this.act(() =>
      c.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }),
    )) as unknown as NodeJS.ReadWriteStream;
    await this.act(() => c.start());
    const session = ttySession(
      stream,
      (cols, rows) => c.resize({ w: cols, h: rows }),
      async () => (await c.inspect()).State?.ExitCode,
    );
    if (size) session.resize(size.cols, size.rows);
    return { run: await this.runResult(c.id), session };
  }

  /** An interactive shell in a running container: bash when the image has it, else sh. */
  async execShell(id: string, size?: { cols: number; rows: number }): Promise<TtySession> {
    const container = this.streams.getContainer(id);
    const exec = await this.act(() =>
      container.exec({
        Cmd: ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        Env: ['TERM=xterm-256color'],
      }),
    );
    const stream = (await this.act(() =>
      exec.start({ hijack: true, stdin: true, Tty: true }),
    )) as unknown as NodeJS.ReadWriteStream;
    const session = ttySession(
      stream,
      (cols, rows) => exec.resize({ w: cols, h: rows }),
      async () => (await exec.inspect()).ExitCode ?? undefined,
    );
    if (size) session.resize(size.cols, size.rows);
    return session;
  }

  /**
   * Follows a container's logs (the last `tail` lines, then new ones), demultiplexed into text.
   * Resolves when the container stops or signal aborts.
   */
  async followLogs(
    id: string,
    onText: (text: string, stream: 'stdout' | 'stderr') => void,
    signal: AbortSignal,
    tail = 1000,
  ): Promise<void> {
    const container = this.streams.getContainer(id);
    const info = await this.act(() => container.inspect());
    if (signal.aborted) return;
    const stream = (await this.call(() =>
      container.logs({ follow: true, stdout: true, stderr: true, tail, abortSignal: signal }),
    )) as unknown as NodeJS.ReadableStream;
    readOutput(stream, !!info.Config?.Tty, framesToText(onText));
    await endOf(stream, signal);
  }

  /**
   * Streams container and image events to onEvent until signal aborts (then resolves) or the
   * engine goes away (then rejects with EngineUnreachable). onOpen runs once the stream is live.
   */
  async events(onEvent: (e: EngineEvent) => void, signal: AbortSignal, onOpen?: () => void): Promise<void> {
    if (signal.aborted) return;
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await this.call(() =>
        this.streams.getEvents({ filters: { type: ['container', 'image'] }, abortSignal: signal }),
      )) as unknown as NodeJS.ReadableStream;
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    onOpen?.();
    readJsonLines(stream, (m) => {
      try {
        const ev = eventFromEngine(m);
        if (ev) onEvent(ev);
      } catch {
        // one bad event (or a listener's failure) does not end the stream; the next one is independent
      }
    });
    try {
      await endOf(stream, signal);
    } catch (e) {
      if (signal.aborted) return;
      throw new EngineUnreachable(this.endpoint.url, e);
    }
    if (!signal.aborted) throw new EngineUnreachable(this.endpoint.url, new Error('event stream closed'));
  }

  /** Like call(), and an engine refusal becomes an Error with the engine's own message; `ok` codes count as success. */
  private async act<T>(fn: () => Promise<T>, ok?: number): Promise<T> {
    try {
      return await this.call(fn);
    } catch (e) {
      const err = e as { statusCode?: number; json?: { message?: string } | null; reason?: string };
      if (ok && err.statusCode === ok) return undefined as T;
      if (err.statusCode && err.json?.message) throw new Error(err.json.message);
      throw e;
    }
  }

  /** The one way we create a container: the body's rules are in core/docker/create.ts. */
  private async createContainer(spec: RunSpec, hostPorts: HostPorts, init = true): Promise<Docker.Container> {
    const body = containerCreateBody(spec, hostPorts) as Docker.ContainerCreateOptions;
    if (!init) body.HostConfig = { ...body.HostConfig, Init: false };
    try {
      return await this.act(() => this.api.createContainer(body));
    } catch (e) {
      // Podman without its init binary (catatonit) refuses Init; the container still runs without it
      // (Ctrl-C then reaches the process directly).
      if (!init || !/container-init binary not found/.test(String((e as Error).message))) throw e;
      return this.createContainer(spec, hostPorts, false);
    }
  }

  /** The explorer's run of an image: its own command, its exposed ports, kept after it exits. */
  private async explorerSpec(image: string, name: string | undefined, interactive: boolean): Promise<RunSpec> {
    const cfg = await this.imageRunConfig(image);
    return { image, name, ports: cfg.exposed, autoRemove: false, labels: {}, tty: interactive, stdin: interactive };
  }

  private async runResult(id: string): Promise<RunResult> {
    return runResultFromInspect((await this.act(() => this.api.getContainer(id).inspect())) as unknown as Raw);
  }

  // ── registries (push, pull) ───────────────────────────────────────────────

  /**
   * Pushes or pulls through the engine (it talks to the registry, with its own TLS and insecure-registry
   * rules); each JSON message goes to onMessage. Resolves with the first error message of the stream
   * (a refused push still answers 200: the error is a message), undefined when it went through.
   */
  async transfer(
    kind: 'push' | 'pull',
    ref: string,
    auth: RegistryAuth | undefined,
    onMessage: (m: Record<string, unknown>) => void,
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const { name, tag = 'latest' } = nameAndTag(ref);
    const authconfig =
      auth &&
      (auth.username === '<token>'
        ? { identitytoken: auth.secret, serveraddress: auth.serveraddress }
        : { username: auth.username, password: auth.secret, serveraddress: auth.serveraddress });
    let stream: Readable;
    try {
      const start = (): Promise<unknown> =>
        kind === 'push'
          ? this.streams.getImage(name).push({ tag, abortSignal: signal, ...(authconfig ? { authconfig } : {}) })
          : (this.streams.pull(
              `${name}:${tag}`,
              { abortSignal: signal },
              undefined as never,
              authconfig,
            ) as unknown as Promise<unknown>);
      stream = (await this.act(start)) as Readable;
    } catch (e) {
      // A refusal before the stream starts (a pull's 500 "no basic auth credentials") is the same kind of answer.
      if (e instanceof EngineUnreachable || signal?.aborted) throw e;
      return (e as Error).message;
    }
    let error: string | undefined;
    readJsonLines(stream, (m) => {
      const e = (m.errorDetail as { message?: string } | undefined)?.message ?? (m.error as string | undefined);
      if (e && !error) error = e;
      onMessage(m);
    });
    try {
      await endOf(stream, signal);
    } catch (e) {
      if (!signal?.aborted) throw new EngineUnreachable(this.endpoint.url, e);
    }
    return error;
  }

  // ── build, run, logs (build and run) ─────────────────────────────────────

  /** BuildKit through the API needs API 1.39+ on Linux; DOCKER_BUILDKIT=0 asks for the classic builder. */
  async supportsBuildKit(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
    if (env.DOCKER_BUILDKIT === '0') return false;
    const v = await this.version();
    // Podman speaks API 1.41 but has no BuildKit session endpoint: asking for version 2 answers 404.
    return v.engine === 'docker' && v.os === 'linux' && Number(v.apiVersion) >= 1.39;
  }

  /**
   * Streams a build: each JSON message of the engine goes to onMessage; resolves when the stream
   * ends (a failed build still resolves: the error is a message). A connection lost mid-build
   * rejects with EngineUnreachable.
   */
  async build(
    context: Readable,
    o: {
      tag: string;
      dockerfile?: string;
      buildkit: boolean;
      labels?: Record<string, string>;
      noCache?: boolean;
      signal?: AbortSignal;
      onMessage: (m: Record<string, unknown>) => void;
    },
  ): Promise<void> {
    const opts: Record<string, unknown> = {
      t: o.tag,
      dockerfile: o.dockerfile ?? 'Dockerfile',
      labels: o.labels ?? {},
      rm: true,
      forcerm: true,
      abortSignal: o.signal,
    };
    if (o.buildkit) opts.version = '2';
    if (o.noCache) opts.nocache = true;
    const stream = (await this.call(() =>
      this.streams.buildImage(context as unknown as NodeJS.ReadableStream, opts as Docker.ImageBuildOptions),
    )) as unknown as Readable;
    await new Promise<void>((resolve, reject) => {
      let ended = false;
      const flush = readJsonLines(stream, o.onMessage, (line) => o.onMessage({ stream: line }));
      stream.on('end', () => {
        ended = true;
        flush();
        resolve();
      });
      const lost = (e?: unknown) => {
        if (ended) return;
        if (o.signal?.aborted) reject(new Error('build cancelled'));
        else reject(new EngineUnreachable(this.endpoint.url, e));
      };
      stream.on('error', lost);
      stream.on('aborted', lost);
      stream.on('close', () => lost());
    });
  }

  /** The image's summary, or undefined when it is not there (not pulled / not built). */
  async imageSummary(ref: string): Promise<ImageInfo | undefined> {
    const raw = await this.imageInspectIfAny(ref);
    return raw && imageFromInspect(raw);
  }

  /**
   * The engine's whole inspect of an image, the one call the views of it (summary, base facts, run config,
   * config) are cut from; a refusal in the engine's words ("No such image: …").
   */
  private async imageInspect(ref: string): Promise<Raw> {
    return (await this.act(() => this.api.getImage(ref).inspect())) as unknown as Raw;
  }

  /** The same, undefined when the image is not here. */
  private async imageInspectIfAny(ref: string): Promise<Raw | undefined> {
    return (await this.call(() => this.api.getImage(ref).inspect()).catch(absentAs(undefined))) as Raw | undefined;
  }

  /**
   * What the lint asks of a local base image: the "os/arch[/variant]" it was built or pulled for, and the
   * user it runs as (`Config.User`, '' for root). Undefined when the image is not here.
   */
  async baseImageFacts(ref: string): Promise<{ platform?: string; user: string } | undefined> {
    const raw = await this.imageInspectIfAny(ref);
    if (!raw) return undefined;
    const [os, arch, variant] = [raw.Os, raw.Architecture, raw.Variant].map((v) => (typeof v === 'string' ? v : ''));
    const user = (raw.Config as Raw | undefined)?.User;
    return {
      platform: os && arch ? [os, arch, variant].filter(Boolean).join('/') : undefined,
      user: typeof user === 'string' ? user : '',
    };
  }

  /** The image's history, oldest entry first. */
  async imageLayers(ref: string): Promise<LayerHistory[]> {
    return layersFromHistory((await this.call(() => this.api.getImage(ref).history())) as Raw[]);
  }

  /** The image's default command and exposed ports, to choose how to run it. */
  async imageRunConfig(ref: string): Promise<ImageRunConfig> {
    return runConfigFromInspect(await this.imageInspect(ref));
  }

  async removeBuiltImage(ref: string): Promise<void> {
    await this.call(() => this.api.getImage(ref).remove({ force: true })).catch(absentAs(undefined));
  }

  /**
   * Creates and starts a container, attached before start so a short script loses no output.
   * Each port is published on 127.0.0.1, on the same host port when free, else on any.
   * `exit` resolves to the exit code; `output` resolves when the output stream ends.
   */
  async startRun(
    spec: RunSpec,
    onOutput: (stream: 'stdout' | 'stderr', data: Uint8Array) => void,
    opts: { strictPorts?: boolean } = {},
  ): Promise<{ id: string; hostPorts: Map<number, number>; exit: Promise<number>; output: Promise<void> }> {
    try {
      return await this.startRunOnce(spec, onOutput, true);
    } catch (e) {
      // strictPorts: the caller needs exactly these host ports (a proxy base URL names one) and tries others itself.
      if (opts.strictPorts || !isPortTaken(e)) throw e;
      return this.startRunOnce(spec, onOutput, false);
    }
  }

  private async startRunOnce(
    spec: RunSpec,
    onOutput: (stream: 'stdout' | 'stderr', data: Uint8Array) => void,
    samePort: boolean,
  ) {
    const c = await this.createContainer(spec, samePort ? 'same' : 'any');
    trace('engine: created');
    const stream = (await this.call(() =>
      this.streams.getContainer(c.id).attach({ stream: true, stdout: true, stderr: true, logs: true }),
    )) as unknown as Readable;
    const output = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    readOutput(stream, !!spec.tty, onOutput);
    const waited = this.streams
      .getContainer(c.id)
      .wait({ condition: spec.autoRemove ? 'removed' : 'next-exit' }) as Promise<{ StatusCode: number }>;
    const exit = waited.then((r) => r.StatusCode);
    exit.catch(() => undefined); // observed by the caller; avoid an unhandled rejection meanwhile
    trace('engine: attached');
    try {
      await this.call(() => c.start());
      trace('engine: start answered');
    } catch (e) {
      stream.destroy();
      await this.call(() => c.remove({ force: true })).catch(() => undefined);
      throw e;
    }
    const hostPorts = spec.ports.length
      ? hostPortMap(await this.runResult(c.id).catch(() => ({ id: c.id, name: '', ports: [] })))
      : new Map<number, number>();
    return { id: c.id, hostPorts, exit, output };
  }

  /** Stops (SIGTERM, then SIGKILL after `seconds`) and removes a container; gone is fine. */
  async stopRun(id: string, seconds = 5): Promise<void> {
    const c = this.api.getContainer(id);
    const ok404 = (e: unknown) => {
      if (![304, 404, 409].includes((e as { statusCode?: number }).statusCode ?? 0)) throw e;
    };
    await this.call(() => c.stop({ t: seconds })).catch(ok404);
    await this.call(() => c.remove({ force: true })).catch(ok404);
    // A removal already in progress (409) returns at once: wait until the container is really gone.
    for (let i = 0; i < 100 && (await this.runExists(id)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** True while a container with this id exists. */
  async runExists(id: string): Promise<boolean> {
    return this.call(() => this.api.getContainer(id).inspect()).then(() => true, absentAs(false));
  }

  // ── image files (sbom, archive, sif) ─────────────────────────────────────

  /**
   * Creates a container of `image` that is never started, to read or export its files: images without a
   * shell (or without a command) work too. Remove it with removeContainer(id, true).
   */
  async createIdle(image: string, labels: Record<string, string>): Promise<string> {
    const spec: RunSpec = { image, ports: [], autoRemove: false, labels, entrypoint: ['/dsc-never-started'], cmd: [] };
    return (await this.createContainer(spec, 'any')).id;
  }

  /** `docker export`: the container's whole filesystem as one tar stream. */
  async exportContainer(id: string): Promise<Readable> {
    return (await this.act(() => this.streams.getContainer(id).export())) as unknown as Readable;
  }

  /** `docker save`: the image (layers, config, its tags) as one tar stream that `docker load` reads. */
  async saveImage(ref: string): Promise<Readable> {
    return (await this.act(() => this.streams.getImage(ref).get())) as unknown as Readable;
  }

  /** The image's config: its environment, entrypoint, command, working directory, user, labels and architecture. */
  async imageConfig(ref: string): Promise<{
    env: string[];
    entrypoint: string[];
    cmd: string[];
    workdir: string;
    user: string;
    labels: Record<string, string>;
    architecture: string;
  }> {
    const raw = await this.imageInspect(ref);
    const cfg = (raw.Config ?? {}) as Raw;
    const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
    return {
      env: list(cfg.Env),
      entrypoint: list(cfg.Entrypoint),
      cmd: list(cfg.Cmd),
      workdir: typeof cfg.WorkingDir === 'string' ? cfg.WorkingDir : '',
      user: typeof cfg.User === 'string' ? cfg.User : '',
      labels: (cfg.Labels ?? {}) as Record<string, string>,
      architecture: typeof raw.Architecture === 'string' ? raw.Architecture : '',
    };
  }
}
