// The ONLY file that imports dockerode. Everything else talks to the engine through Engine,
// which returns our own types, puts a timeout on every call, and turns a connection failure
// into one clear EngineUnreachable error.
import type Docker from 'dockerode';
import { Endpoint } from './endpoint';

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
}
