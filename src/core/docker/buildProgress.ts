import { decodeBuildKitStatus } from './buildkit';

/** One Dockerfile step of a build, as BuildKit or the classic builder reported it. */
export interface BuildStep {
  id: string;
  /** e.g. "[2/5] RUN pip install -r requirements.txt" */
  name: string;
  cached: boolean;
  done: boolean;
  error?: string;
}

/** What a build ended with, taken from the build's own stream (a failed build does not reject). */
export interface BuildReport {
  ok: boolean;
  imageId?: string;
  steps: BuildStep[];
  error?: string;
  /** The step that failed, when the stream names it. */
  failedStep?: BuildStep;
  /** The last lines of output, for the failure message. */
  tail: string[];
  /**
   * Why it failed, in the failing step's own words: its first `ERROR…` / `…Error:` line (pip's
   * "ERROR: No matching distribution…", Python's "ModuleNotFoundError: …"), rather than the
   * builder's "executor failed running …" wrapper; else the step's last line of output (a shell's
   * "pyhton: not found"); for a base image that is neither local nor reachable, one sentence saying so.
   * Undefined when nothing better than the wrapper is known.
   */
  cause?: string;
}

// The first line a tool prints when it fails: pip/apt/npm "ERROR:"/"E:"/"error:", a Python exception.
const CAUSE = /^\s*(?:ERROR\b:?|E:|error:|fatal:|[A-Z]\w*(?:Error|Exception):)\s*\S/;

/** The first line that names a failure's cause, whitespace collapsed; undefined when none does. */
export function causeLine(lines: readonly string[]): string | undefined {
  // The classic builder colours a step's stderr (ESC[91m … ESC[0m).
  return lines
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''))
    .find((l) => CAUSE.test(l))
    ?.trim()
    .replace(/\s+/g, ' ');
}

export type BuildEvent =
  { kind: 'step'; step: BuildStep; index: number; total: number } | { kind: 'log'; text: string };

const STEP = /^\[(?:[^\]]*?\s)?(\d+)\/(\d+)\]\s/;
const TAIL = 30;
const OUTPUT_KEPT = 4096;

/** The last non-blank line of a step's output, colours stripped and whitespace collapsed. */
function lastLine(text: string | undefined): string | undefined {
  const lines = (text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/);
  return lines
    .reverse()
    .find((l) => l.trim())
    ?.trim()
    .replace(/\s+/g, ' ');
}

// BuildKit resolving a base image that is not local: the registry lookup fails (offline, or a wrong name).
const RESOLVE = /(?:failed to resolve source metadata for |manifests\/)(\S+?)(?:"|:\s|$)/;
const UNREACHABLE = /no such host|dial tcp|i\/o timeout|connection refused|network is unreachable|TLS handshake/;

/** "IMAGE is not on this machine and its registry cannot be reached…" when the error is that; else undefined. */
export function unreachableBase(error: string | undefined): string | undefined {
  if (!error || !UNREACHABLE.test(error)) return undefined;
  const m = RESOLVE.exec(error);
  if (!m) return undefined;
  const image = imageFromResolve(m[1]!, error);
  return `${image} is not on this machine and its registry cannot be reached: pick a local base image`;
}

// "…/v2/library/python/manifests/3.99-slim" names the tag only; the repository is in the URL before it.
function imageFromResolve(found: string, error: string): string {
  const url = /\/v2\/(.+?)\/manifests\/([^"\s]+)/.exec(error);
  const ref = url ? `${url[1]}:${url[2]}` : found;
  return ref.replace(/^(?:docker\.io\/)?library\//, '').replace(/^docker\.io\//, '');
}

/** Feeds the engine's JSON messages one by one; keeps the steps and turns messages into events. */
export class BuildProgress {
  private readonly steps = new Map<string, BuildStep>();
  private imageId?: string;
  private error?: string;
  private readonly tail: string[] = [];
  private classicStep?: BuildStep;
  private readonly announced = new Set<string>();
  /** The first cause-like line each step printed (step id → line), and one for output with no step. */
  private readonly causes = new Map<string, string>();
  /** Each step's output as it came (BuildKit splits a line across chunks: "/bin/sh: 1: " then "pyhton: …"). */
  private readonly outputs = new Map<string, string>();
  /** The same for BuildKit's stderr stream alone: a shell's "not found" is there, the step's progress is not. */
  private readonly stderr = new Map<string, string>();

  /** One parsed JSON object from the /build stream. */
  feed(msg: Record<string, unknown>): BuildEvent[] {
    const events: BuildEvent[] = [];
    if (msg.id === 'moby.buildkit.trace' && typeof msg.aux === 'string') this.buildkit(msg.aux, events);
    else if (msg.id === 'moby.image.id' || (msg.aux && typeof msg.aux === 'object' && 'ID' in msg.aux)) {
      this.imageId = String((msg.aux as { ID: string }).ID);
    } else if (typeof msg.stream === 'string') this.classic(msg.stream, events);
    if (msg.errorDetail || msg.error) {
      const d = msg.errorDetail as { message?: string } | undefined;
      this.error = d?.message || String(msg.error);
    }
    return events;
  }

  report(): BuildReport {
    const steps = [...this.steps.values()];
    const failedStep = steps.find((s) => s.error) ?? (this.error ? this.classicStep : undefined);
    const ok = !this.error && !failedStep && !!this.imageId;
    const error = this.error ?? failedStep?.error ?? (ok ? undefined : 'the build ended without an image');
    const cause = ok
      ? undefined
      : failedStep
        ? (this.causes.get(failedStep.id) ??
          lastLine(this.stderr.get(failedStep.id)) ??
          lastLine(this.outputs.get(failedStep.id)))
        : ([...this.causes.values()][0] ?? unreachableBase(error));
    return { ok, imageId: this.imageId, steps, error, failedStep, tail: [...this.tail], ...(cause ? { cause } : {}) };
  }

  private buildkit(aux: string, events: BuildEvent[]): void {
    const status = decodeBuildKitStatus(aux);
    for (const v of status.vertexes) {
      const m = STEP.exec(v.name);
      if (!m) continue; // [internal] load metadata, context transfer, exporting…
      let s = this.steps.get(v.digest);
      if (!s) this.steps.set(v.digest, (s = { id: v.digest, name: v.name, cached: false, done: false }));
      const announce = (v.started || v.cached) && !this.announced.has(v.digest + v.cached);
      s.cached ||= v.cached;
      s.done ||= v.completed;
      if (v.error) s.error = v.error;
      if (announce) this.announced.add(v.digest + v.cached);
      if (announce) events.push({ kind: 'step', step: { ...s }, index: Number(m[1]), total: Number(m[2]) });
    }
    for (const l of status.logs) {
      this.output(this.outputs, l.vertex, l.text);
      if (l.stream === 2) this.output(this.stderr, l.vertex, l.text);
      for (const line of l.text.split(/\r?\n/)) {
        if (!line.trim()) continue;
        this.push(line, l.vertex);
        events.push({ kind: 'log', text: line });
      }
    }
  }

  private classic(text: string, events: BuildEvent[]): void {
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      // Docker's classic builder says `Step 1/9 : FROM …`, Podman's (Buildah) `STEP 1/9: FROM …`.
      const m = /^(?:Step|STEP) (\d+)\/(\d+) ?: (.*)$/.exec(line);
      if (m) {
        const s: BuildStep = { id: `step-${m[1]}`, name: `[${m[1]}/${m[2]}] ${m[3]}`, cached: false, done: false };
        if (this.classicStep) this.classicStep.done = true;
        this.steps.set(s.id, s);
        this.classicStep = s;
        events.push({ kind: 'step', step: { ...s }, index: Number(m[1]), total: Number(m[2]) });
      } else if (/^ ?-{2,3}> Using cache/.test(line) && this.classicStep) {
        this.classicStep.cached = true;
      } else if (!/^ ?-{2,3}> /.test(line) && !/^Removing intermediate container|^COMMIT /.test(line)) {
        this.push(line, this.classicStep?.id ?? '');
        this.output(this.outputs, this.classicStep?.id ?? '', line + '\n');
        events.push({ kind: 'log', text: line });
      }
    }
  }

  private output(into: Map<string, string>, step: string, text: string): void {
    into.set(step, ((into.get(step) ?? '') + text).slice(-OUTPUT_KEPT));
  }

  private push(line: string, step: string): void {
    if (!this.causes.has(step)) {
      const cause = causeLine([line]);
      if (cause) this.causes.set(step, cause);
    }
    this.tail.push(line);
    if (this.tail.length > TAIL) this.tail.shift();
  }
}

/** "[2/5] RUN pip install …" → "RUN pip install …" (the instruction text as written, flattened). */
export function stepInstruction(name: string): string {
  return name.replace(STEP, '').trim();
}
