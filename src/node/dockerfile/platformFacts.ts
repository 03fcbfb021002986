// What InvalidBaseImagePlatform needs from the Docker engine: the platform each local base image was
// pulled for, and the engine's own (the platform a build produces by default). Asked with a time limit
// and remembered for a while, so that the editor's lint never waits on Docker and the CLI never fails
// without one: no answer means no facts, and the check stays quiet.
import type { LintFacts } from '../../core/dockerfile/rules';

/** The two engine calls used (the Engine class has them; tests may pass another). */
export interface PlatformSource {
  imagePlatform(ref: string): Promise<string | undefined>;
  version(): Promise<{ os: string; arch: string }>;
}

type PlatformFacts = Pick<LintFacts, 'imagePlatforms' | 'targetPlatform'>;

/** A result or undefined after `ms` (the slow call goes on in the background, its answer unused). */
function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    p.catch(() => undefined),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref()),
  ]);
}

/** The engine's answers for `refs`, or {} when it does not answer within `timeoutMs`. */
export async function platformFacts(source: PlatformSource, refs: string[], timeoutMs = 1500): Promise<PlatformFacts> {
  const v = await within(source.version(), timeoutMs);
  if (!v?.os || !v.arch) return {};
  const imagePlatforms: Record<string, string> = {};
  const answers = await within(
    Promise.all(refs.map(async (r) => [r, await source.imagePlatform(r)] as const)),
    timeoutMs,
  );
  for (const [ref, platform] of answers ?? []) if (platform) imagePlatforms[ref] = platform;
  return { imagePlatforms, targetPlatform: `${v.os}/${v.arch}` };
}

/**
 * The editor's memory of those answers: `known` is synchronous (what is remembered, for this pass);
 * `refresh` asks the engine for what is missing or older than `ttlMs` and says whether anything changed.
 */
export class PlatformFactsCache {
  private target?: { value: string; at: number };
  private readonly images = new Map<string, { value?: string; at: number }>();
  private asking?: Promise<boolean>;
  /** When the engine last did not answer: not asked again before ttlMs. */
  private silentAt = -Infinity;

  constructor(
    private readonly source: () => PlatformSource,
    private readonly ttlMs = 30_000,
    private readonly timeoutMs = 1500,
  ) {}

  known(refs: string[]): PlatformFacts {
    if (!this.target) return {};
    const imagePlatforms: Record<string, string> = {};
    for (const r of refs) {
      const p = this.images.get(r)?.value;
      if (p) imagePlatforms[r] = p;
    }
    return { imagePlatforms, targetPlatform: this.target.value };
  }

  /** Asks for what is stale; true when an answer differs from what `known` said before. */
  refresh(refs: string[]): Promise<boolean> {
    const now = Date.now();
    if (now - this.silentAt <= this.ttlMs) return Promise.resolve(false);
    const stale = refs.filter((r) => now - (this.images.get(r)?.at ?? -Infinity) > this.ttlMs);
    if (!stale.length && this.target && now - this.target.at <= this.ttlMs) return Promise.resolve(false);
    // One question at a time: a burst of keystrokes does not become a burst of engine calls.
    this.asking ??= this.ask(stale).finally(() => (this.asking = undefined));
    return this.asking;
  }

  private async ask(refs: string[]): Promise<boolean> {
    const at = Date.now();
    let source: PlatformSource;
    try {
      source = this.source();
    } catch {
      this.silentAt = at;
      return false;
    }
    const facts = await platformFacts(source, refs, this.timeoutMs);
    if (!facts.targetPlatform) {
      this.silentAt = at;
      return false;
    }
    let changed = this.target?.value !== facts.targetPlatform;
    this.target = { value: facts.targetPlatform, at };
    for (const r of refs) {
      const value = facts.imagePlatforms?.[r];
      changed ||= this.images.get(r)?.value !== value;
      this.images.set(r, { value, at });
    }
    return changed;
  }
}
