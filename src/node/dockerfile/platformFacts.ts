// What the lint needs from the Docker engine: the platform each local base image was pulled for and the
// engine's own (InvalidBaseImagePlatform), and the user each base image runs as (DSC004). Asked with a time limit
// and remembered for a while, so that the editor's lint never waits on Docker and the CLI never fails
// without one: no answer means no facts, and the check stays quiet.
import type { LintFacts } from '../../core/dockerfile/rules';

/** The two engine calls used (the Engine class has them; tests may pass another). */
export interface PlatformSource {
  baseImageFacts(ref: string): Promise<ImageAnswer | undefined>;
  version(): Promise<{ os: string; arch: string }>;
}

type ImageAnswer = { platform?: string; user: string };
type PlatformFacts = Pick<LintFacts, 'imagePlatforms' | 'targetPlatform' | 'imageUsers'>;

/** The lint facts of the images answered (an image without an answer is in neither map). */
function byImage(answers: Iterable<readonly [string, ImageAnswer | undefined]>): PlatformFacts {
  const imagePlatforms: Record<string, string> = {};
  const imageUsers: Record<string, string> = {};
  for (const [ref, a] of answers) {
    if (a?.platform) imagePlatforms[ref] = a.platform;
    if (a) imageUsers[ref] = a.user;
  }
  return { imagePlatforms, imageUsers };
}

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
  const answers = await within(
    Promise.all(refs.map(async (r) => [r, await source.baseImageFacts(r)] as const)),
    timeoutMs,
  );
  return { ...byImage(answers ?? []), targetPlatform: `${v.os}/${v.arch}` };
}

/**
 * The editor's memory of those answers: `known` is synchronous (what is remembered, for this pass);
 * `refresh` asks the engine for what is missing or older than `ttlMs` and says whether anything changed.
 */
export class PlatformFactsCache {
  private target?: { value: string; at: number };
  private readonly images = new Map<string, { value?: ImageAnswer; at: number }>();
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
    return { ...byImage(refs.map((r) => [r, this.images.get(r)?.value] as const)), targetPlatform: this.target.value };
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
      const user = facts.imageUsers?.[r];
      const value = user === undefined ? undefined : { platform: facts.imagePlatforms?.[r], user };
      const before = this.images.get(r)?.value;
      changed ||= before?.platform !== value?.platform || before?.user !== value?.user;
      this.images.set(r, { value, at });
    }
    return changed;
  }
}
