// The ONLY file that imports dockerode. Everything else talks to the engine through Engine,
// which returns our own types, puts a timeout on every call, and turns a connection failure
// into one clear EngineUnreachable error.
import type Docker from 'dockerode';
import { Endpoint } from './endpoint';
import type { Readable } from 'stream';
import { ImageInfo, LayerHistory, RunSpec } from '../../core/docker/types';
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
