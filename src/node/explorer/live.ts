// The explorer's data, kept live from the engine: cached image and container lists, refreshed
// from the engine's event stream (reconnecting with backoff), throttled, with a slow safety
// poll, and only while someone is looking. No vscode here, so the docker tier can drive it.
import { ContainerInfo, EngineEvent, ImageInfo } from '../../core/docker/types';
import { Engine, EngineUnreachable } from '../docker/engine';

export type EngineState = 'connecting' | 'live' | 'unreachable' | 'error';
export type Kind = 'images' | 'containers';
export type Change = Kind | 'state';

export interface LiveOptions {
  /** Events closer together than this cause one refresh (the first one refreshes at once). */
  debounceMs?: number;
  /** Safety poll while active, in case an event was missed. */
  pollMs?: number;
  /** Waits between reconnect attempts; the last one repeats. */
  backoffMs?: number[];
}

// Container actions that change nothing the trees show.
const QUIET = /^(exec_|attach|resize|top|archive-path|extract-to-dir|copy|commit|export)/;

export class ExplorerModel {
  images?: ImageInfo[];
  containers?: ContainerInfo[];
  state: EngineState = 'connecting';
  /** Why the state is unreachable or error, for the user. */
  reason?: string;
  /** When the trees last changed from an event (ms), for the latency benchmark. */
  lastEventAt = 0;

  private readonly listeners = new Set<(c: Change) => void>();
  private readonly opts: Required<LiveOptions>;
  private active = false;
  private gen = 0;
  private abort?: AbortController;
  private wake?: () => void;
  private poll?: NodeJS.Timeout;
  private throttle?: NodeJS.Timeout;
  private readonly pending = new Set<Kind>();
  private readonly inflight = new Map<Kind, Promise<void>>();
  private readonly again = new Set<Kind>();

  constructor(
    private readonly engine: () => Engine,
    opts: LiveOptions = {},
  ) {
    this.opts = { debounceMs: 500, pollMs: 60000, backoffMs: [1000, 2000, 5000, 10000, 30000], ...opts };
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(fn: (c: Change) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Start (a view became visible) or stop (none is) listening to the engine. */
  setActive(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (active) this.start();
    else this.stop();
  }

  get isActive(): boolean {
    return this.active;
  }

  /** The endpoint changed: forget everything and connect again. */
  reset(): void {
    this.stop();
    this.images = this.containers = undefined;
    this.setState('connecting');
    if (this.active) this.start();
  }

  /** Reconnect now instead of waiting for the backoff (the Retry button). */
  retry(): Promise<void> {
    this.wake?.();
    return this.refresh();
  }

  /** Lists again now; never rejects (failures become the state). */
  async refresh(kinds: Kind[] = ['images', 'containers']): Promise<void> {
    await Promise.all(kinds.map((k) => this.load(k)));
  }

  dispose(): void {
    this.stop();
    this.listeners.clear();
  }

  private start(): void {
    const gen = ++this.gen;
    void this.loop(gen);
    this.poll = setInterval(() => void this.refresh(), this.opts.pollMs);
    this.poll.unref?.();
    void this.refresh();
  }

  private stop(): void {
    this.gen++;
    this.abort?.abort();
    this.wake?.();
    clearInterval(this.poll);
    clearTimeout(this.throttle);
    this.throttle = undefined;
    this.pending.clear();
  }

  private async loop(gen: number): Promise<void> {
    let attempt = 0;
    while (gen === this.gen) {
      const ac = new AbortController();
      this.abort = ac;
      try {
        await this.engine().events(
          (e) => gen === this.gen && this.onEvent(e),
          ac.signal,
          () => {
            attempt = 0;
            // anything may have changed while we were not listening
            void this.refresh();
          },
        );
      } catch (e) {
        if (gen !== this.gen) return;
        this.fail(e);
      }
      if (gen !== this.gen) return;
      const wait = this.opts.backoffMs[Math.min(attempt++, this.opts.backoffMs.length - 1)];
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  private onEvent(e: EngineEvent): void {
    if (e.type === 'container' && QUIET.test(e.action)) return;
    const kind: Kind | undefined = e.type === 'container' ? 'containers' : e.type === 'image' ? 'images' : undefined;
    if (!kind) return;
    this.lastEventAt = Date.now();
    if (this.throttle) {
      this.pending.add(kind);
      return;
    }
    void this.load(kind);
    this.armThrottle();
  }

  private armThrottle(): void {
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      if (!this.pending.size) return;
      const kinds = [...this.pending];
      this.pending.clear();
      void this.refresh(kinds);
      this.armThrottle();
    }, this.opts.debounceMs);
  }

  /** One list call per kind at a time; a request during a call runs once more after it. */
  private load(kind: Kind): Promise<void> {
    const running = this.inflight.get(kind);
    if (running) {
      this.again.add(kind);
      return running;
    }
    const gen = this.gen;
    const p = (async () => {
      try {
        const engine = this.engine();
        const list = kind === 'images' ? await engine.listImages() : await engine.listContainers();
        if (gen !== this.gen) return; // from an engine or a session we have left since
        if (kind === 'images') this.images = list as ImageInfo[];
        else this.containers = list as ContainerInfo[];
        this.setState('live');
        this.emit(kind);
      } catch (e) {
        if (gen === this.gen) this.fail(e);
      } finally {
        this.inflight.delete(kind);
        if (this.again.delete(kind)) void this.load(kind);
      }
    })();
    this.inflight.set(kind, p);
    return p;
  }

  private fail(e: unknown): void {
    const unreachable = e instanceof EngineUnreachable;
    this.reason = e instanceof Error ? e.message : String(e);
    this.setState(unreachable ? 'unreachable' : 'error');
  }

  private setState(s: EngineState): void {
    if (s === 'live') this.reason = undefined;
    if (s === this.state) return;
    this.state = s;
    this.emit('state');
  }

  private emit(c: Change): void {
    for (const fn of [...this.listeners]) {
      try {
        fn(c);
      } catch {
        // a listener's failure must not stop the others or the refresh
      }
    }
  }
}
