// The ONLY file that imports dockerode. Everything else talks to the engine through Engine,
// which returns our own types, puts a timeout on every call, and turns a connection failure
// into one clear EngineUnreachable error.
import type Docker from 'dockerode';
import { StringDecoder } from 'string_decoder';
import { Endpoint } from './endpoint';
import { sshAgent } from './ssh';
import type { Readable } from 'stream';
import { ContainerInfo, EngineEvent, ImageInfo, LayerHistory, PortBinding, PruneResult, RunResult, RunSpec, TtySession } from '../../core/docker/types';
import { containerFromEngine, eventFromEngine, imageFromEngine } from '../../core/docker/shape';
import { Demuxer } from '../../core/docker/demux';

export class EngineUnreachable extends Error {
  constructor(readonly endpoint: string, readonly cause?: unknown) {
    super(`cannot reach Docker at ${endpoint}: is the engine running?`);
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

export function isUnreachable(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return !!err && ((!!err.code && UNREACHABLE.has(err.code)) || /timeout|socket hang up/i.test(err.message ?? ''));
}

function options(ep: Endpoint, timeout?: number): Docker.DockerOptions {
  const o: Docker.DockerOptions = ep.socketPath
    ? { socketPath: ep.socketPath }
    : ep.protocol === 'ssh'
      ? ({ protocol: 'http', host: ep.host, port: ep.port, agent: sshAgent(ep) } as Docker.DockerOptions) // docker-modem takes `agent`; its types do not say so
      : { protocol: ep.protocol, host: ep.host, port: ep.port, username: ep.username, ...(ep.tls ?? {}) };
  if (timeout) o.timeout = timeout;
  return o;
}

export class Engine {
  /** Request/response calls, each bounded by the timeout. */
  protected readonly api: Docker;
  /** Long-lived streams (events, build, logs, attach): no idle timeout. */
  protected readonly streams: Docker;

  constructor(readonly endpoint: Endpoint, readonly timeoutMs = 15000) {
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
  async version(): Promise<{ version: string; apiVersion: string; os: string; arch: string }> {
    const v = await this.call(() => this.api.version());
    return { version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch };
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
    const data: unknown = await this.act<unknown>(() => (kind === 'container' ? this.api.getContainer(id).inspect() : this.api.getImage(id).inspect()));
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
    const r = await this.act(() => this.api.pruneImages({ filters: { dangling: ['true'], ...(label?.length ? { label } : {}) } }));
    const deleted = (r.ImagesDeleted ?? []).map((d: { Deleted?: string; Untagged?: string }) => d.Deleted ?? d.Untagged ?? '').filter(Boolean);
    return { deleted, spaceReclaimed: r.SpaceReclaimed ?? 0 };
  }

  /** Bytes the dangling images take (what a prune would free, before it runs). */
  async danglingSize(): Promise<number> {
    const raw = await this.call(() => this.api.listImages({ filters: { dangling: ['true'] } }));
    return (raw as unknown as Record<string, unknown>[]).map(imageFromEngine).reduce((n, i) => n + i.size, 0);
  }

  /** Runs an image detached; its exposed ports are published on 127.0.0.1 with host ports the engine picks. */
  async runImage(image: string, opts: { name?: string; interactive?: false } = {}): Promise<RunResult> {
    const c = await this.createFromImage(image, opts.name, false);
    await this.act(() => c.start());
    return this.runResult(c.id);
  }

  /** Creates a container with a TTY and stdin (like `docker run -it`), attaches, then starts it. */
  async runImageInteractive(image: string, size?: { cols: number; rows: number }): Promise<{ run: RunResult; session: TtySession }> {
    const c = await this.createFromImage(image, undefined, true);
    const stream = (await this.act(() => c.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true }))) as unknown as NodeJS.ReadWriteStream;
    await this.act(() => c.start());
    const session = ttySession(stream, (cols, rows) => c.resize({ w: cols, h: rows }), async () => (await c.inspect()).State?.ExitCode);
    if (size) session.resize(size.cols, size.rows);
    return { run: await this.runResult(c.id), session };
  }

  /** An interactive shell in a running container: bash when the image has it, else sh. */
  async execShell(id: string, size?: { cols: number; rows: number }): Promise<TtySession> {
    const container = this.streams.getContainer(id);
    const exec = await this.act(() => container.exec({
      Cmd: ['sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'],
      AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true, Env: ['TERM=xterm-256color'],
    }));
    const stream = (await this.act(() => exec.start({ hijack: true, stdin: true, Tty: true }))) as unknown as NodeJS.ReadWriteStream;
    const session = ttySession(stream, (cols, rows) => exec.resize({ w: cols, h: rows }), async () => (await exec.inspect()).ExitCode ?? undefined);
    if (size) session.resize(size.cols, size.rows);
    return session;
  }

  /**
   * Follows a container's logs (the last `tail` lines, then new ones), demultiplexed into text.
   * Resolves when the container stops or signal aborts.
   */
  async followLogs(id: string, onText: (text: string, stream: 'stdout' | 'stderr') => void, signal: AbortSignal, tail = 1000): Promise<void> {
    const container = this.streams.getContainer(id);
    const info = await this.act(() => container.inspect());
    if (signal.aborted) return;
    const stream = (await this.call(() => container.logs({ follow: true, stdout: true, stderr: true, tail, abortSignal: signal }))) as unknown as NodeJS.ReadableStream;
    const out = new StringDecoder('utf8');
    const err = new StringDecoder('utf8');
    const sink = (d: StringDecoder, which: 'stdout' | 'stderr') => ({ write: (b: Buffer) => { const t = d.write(b); if (t) onText(t, which); return true; } });
    if (info.Config?.Tty) stream.on('data', (b: Buffer) => sink(out, 'stdout').write(b));
    else this.streams.modem.demuxStream(stream, sink(out, 'stdout') as unknown as NodeJS.WritableStream, sink(err, 'stderr') as unknown as NodeJS.WritableStream);
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
      stream = (await this.call(() => this.streams.getEvents({ filters: { type: ['container', 'image'] }, abortSignal: signal }))) as unknown as NodeJS.ReadableStream;
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    onOpen?.();
    let buf = '';
    stream.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (!line) continue;
        try {
          const ev = eventFromEngine(JSON.parse(line));
          if (ev) onEvent(ev);
        } catch {
          // a malformed line is skipped; the next one is independent
        }
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

  private async createFromImage(image: string, name: string | undefined, interactive: boolean): Promise<Docker.Container> {
    const info = await this.act(() => this.api.getImage(image).inspect());
    const exposed = Object.keys(info.Config?.ExposedPorts ?? {});
    const bindings = Object.fromEntries(exposed.map((p) => [p, [{ HostIp: '127.0.0.1', HostPort: '' }]]));
    return this.act(() => this.api.createContainer({
      Image: image,
      name,
      ExposedPorts: Object.fromEntries(exposed.map((p) => [p, {}])),
      HostConfig: { PortBindings: bindings, Init: true },
      ...(interactive ? { Tty: true, OpenStdin: true, AttachStdin: true, AttachStdout: true, AttachStderr: true } : {}),
    }));
  }

  private async runResult(id: string): Promise<RunResult> {
    const c = await this.act(() => this.api.getContainer(id).inspect());
    const ports: PortBinding[] = [];
    for (const [key, binds] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
      const [port, protocol] = key.split('/');
      for (const b of (binds as { HostIp: string; HostPort: string }[] | null) ?? []) ports.push({ containerPort: +port, protocol, hostIp: b.HostIp, hostPort: +b.HostPort });
    }
    return { id: c.Id, name: c.Name.replace(/^\//, ''), ports };
  }

  // ── build, run, logs (build and run) ─────────────────────────────────────

  /** BuildKit through the API needs API 1.39+ on Linux; DOCKER_BUILDKIT=0 asks for the classic builder. */
  async supportsBuildKit(env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
    if (env.DOCKER_BUILDKIT === '0') return false;
    const v = await this.version();
    return v.os === 'linux' && Number(v.apiVersion) >= 1.39;
  }

  /**
   * Streams a build: each JSON message of the engine goes to onMessage; resolves when the stream
   * ends (a failed build still resolves: the error is a message). A connection lost mid-build
   * rejects with EngineUnreachable.
   */
  async build(context: Readable, o: { tag: string; dockerfile?: string; buildkit: boolean; labels?: Record<string, string>; signal?: AbortSignal; onMessage: (m: Record<string, unknown>) => void }): Promise<void> {
    const opts: Record<string, unknown> = { t: o.tag, dockerfile: o.dockerfile ?? 'Dockerfile', labels: o.labels ?? {}, rm: true, forcerm: true, abortSignal: o.signal };
    if (o.buildkit) opts.version = '2';
    const stream = await this.call(() => this.streams.buildImage(context as unknown as NodeJS.ReadableStream, opts as Docker.ImageBuildOptions)) as unknown as Readable;
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      let ended = false;
      stream.on('data', (d: Buffer) => {
        buf += d.toString('utf8');
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).trim();
          buf = buf.slice(nl + 1);
          if (line) { try { o.onMessage(JSON.parse(line)); } catch { o.onMessage({ stream: line }); } }
        }
      });
      stream.on('end', () => { ended = true; if (buf.trim()) { try { o.onMessage(JSON.parse(buf)); } catch { /* partial line */ } } resolve(); });
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
    try {
      const i = await this.call(() => this.api.getImage(ref).inspect());
      return { id: i.Id, tags: i.RepoTags ?? [], created: Math.floor(Date.parse(i.Created) / 1000), size: i.Size, labels: i.Config?.Labels ?? {} };
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return undefined;
      throw e;
    }
  }

  /** The image's history, oldest entry first. */
  async imageLayers(ref: string): Promise<LayerHistory[]> {
    const h = (await this.call(() => this.api.getImage(ref).history())) as { CreatedBy: string; Size: number; Created: number }[];
    return h.reverse().map((e) => ({ createdBy: e.CreatedBy, size: e.Size, created: e.Created }));
  }

  /** The image's default command and exposed ports, to choose how to run it. */
  async imageRunConfig(ref: string): Promise<{ cmd: string[]; entrypoint: string[]; exposed: number[]; labels: Record<string, string> }> {
    const i = await this.call(() => this.api.getImage(ref).inspect());
    const exposed = Object.keys(i.Config?.ExposedPorts ?? {}).map((p) => Number(p.split('/')[0]));
    const arr = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
    return { cmd: arr(i.Config?.Cmd), entrypoint: arr(i.Config?.Entrypoint), exposed, labels: i.Config?.Labels ?? {} };
  }

  async removeBuiltImage(ref: string): Promise<void> {
    await this.call(() => this.api.getImage(ref).remove({ force: true })).catch((e) => {
      if ((e as { statusCode?: number }).statusCode !== 404) throw e;
    });
  }

  /**
   * Creates and starts a container, attached before start so a short script loses no output.
   * Each port is published on 127.0.0.1, on the same host port when free, else on any.
   * `exit` resolves to the exit code; `output` resolves when the output stream ends.
   */
  async startRun(spec: RunSpec, onOutput: (stream: 'stdout' | 'stderr', data: Uint8Array) => void): Promise<{ id: string; hostPorts: Map<number, number>; exit: Promise<number>; output: Promise<void> }> {
    try {
      return await this.startRunOnce(spec, onOutput, true);
    } catch (e) {
      if (!/port is already allocated|address already in use/i.test(String((e as Error).message))) throw e;
      return this.startRunOnce(spec, onOutput, false);
    }
  }

  private async startRunOnce(spec: RunSpec, onOutput: (stream: 'stdout' | 'stderr', data: Uint8Array) => void, samePort: boolean) {
    const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    const exposed: Record<string, object> = {};
    for (const p of spec.ports) {
      bindings[`${p}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: samePort ? String(p) : '' }];
      exposed[`${p}/tcp`] = {};
    }
    const c = await this.call(() => this.api.createContainer({
      Image: spec.image, name: spec.name, Cmd: spec.cmd, Entrypoint: spec.entrypoint, Env: spec.env, Labels: spec.labels,
      Tty: !!spec.tty, OpenStdin: false, ExposedPorts: exposed,
      HostConfig: {
        Init: true, AutoRemove: spec.autoRemove, PortBindings: bindings,
        Binds: spec.mount ? [`${spec.mount.host}:${spec.mount.container}`] : undefined,
      },
    }));
    const stream = (await this.call(() => this.streams.getContainer(c.id).attach({ stream: true, stdout: true, stderr: true, logs: true }))) as unknown as Readable;
    const output = new Promise<void>((resolve) => { stream.on('end', resolve); stream.on('close', resolve); stream.on('error', () => resolve()); });
    if (spec.tty) stream.on('data', (d: Buffer) => onOutput('stdout', d));
    else { const dm = new Demuxer(onOutput); stream.on('data', (d: Buffer) => dm.push(d)); }
    const waited = this.streams.getContainer(c.id).wait({ condition: spec.autoRemove ? 'removed' : 'next-exit' }) as Promise<{ StatusCode: number }>;
    const exit = waited.then((r) => r.StatusCode);
    exit.catch(() => undefined); // observed by the caller; avoid an unhandled rejection meanwhile
    try {
      await this.call(() => c.start());
    } catch (e) {
      stream.destroy();
      await this.call(() => c.remove({ force: true })).catch(() => undefined);
      throw e;
    }
    const hostPorts = new Map<number, number>();
    if (spec.ports.length) {
      const info = await this.call(() => c.inspect()).catch(() => undefined);
      for (const [k, v] of Object.entries(info?.NetworkSettings?.Ports ?? {})) {
        const hp = (v as { HostPort: string }[] | null)?.[0]?.HostPort;
        if (hp) hostPorts.set(Number(k.split('/')[0]), Number(hp));
      }
    }
    return { id: c.id, hostPorts, exit, output };
  }

  /** Stops (SIGTERM, then SIGKILL after `seconds`) and removes a container; gone is fine. */
  async stopRun(id: string, seconds = 5): Promise<void> {
    const c = this.api.getContainer(id);
    const ok404 = (e: unknown) => { if (![304, 404, 409].includes((e as { statusCode?: number }).statusCode ?? 0)) throw e; };
    await this.call(() => c.stop({ t: seconds })).catch(ok404);
    await this.call(() => c.remove({ force: true })).catch(ok404);
    // A removal already in progress (409) returns at once: wait until the container is really gone.
    for (let i = 0; i < 100 && (await this.runExists(id)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  /** True while a container with this id exists. */
  async runExists(id: string): Promise<boolean> {
    try {
      await this.call(() => this.api.getContainer(id).inspect());
      return true;
    } catch (e) {
      if ((e as { statusCode?: number }).statusCode === 404) return false;
      throw e;
    }
  }
}

// ── explorer stream helpers ──────────────────────────────────────────────

/** Resolves when a stream ends or closes, or at once when signal aborts (destroying the stream). */
function endOf(stream: NodeJS.ReadableStream, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const destroy = () => (stream as unknown as { destroy?: () => void }).destroy?.();
    const onAbort = () => { destroy(); resolve(); };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (e?: Error) => { signal?.removeEventListener('abort', onAbort); if (e && !signal?.aborted) reject(e); else resolve(); };
    stream.once('end', () => done());
    stream.once('close', () => done());
    stream.once('error', (e: Error) => done(e));
  });
}

/** A TtySession over a hijacked engine stream (raw bytes both ways, as with a TTY). */
function ttySession(stream: NodeJS.ReadWriteStream, resize: (cols: number, rows: number) => Promise<unknown>, exitCode: () => Promise<number | undefined>): TtySession {
  const decoder = new StringDecoder('utf8');
  const exits: ((code?: number) => void)[] = [];
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    exitCode().catch(() => undefined).then((code) => exits.forEach((cb) => cb(code)));
  };
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  return {
    onData: (cb) => stream.on('data', (b: Buffer) => { const t = decoder.write(b); if (t) cb(t); }),
    onExit: (cb) => void exits.push(cb),
    write: (data) => { if (!ended) stream.write(data); },
    resize: (cols, rows) => void resize(cols, rows).catch(() => undefined),
    close: () => { (stream as unknown as { destroy?: () => void }).destroy?.(); finish(); },
  };
}
