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
   * builder's "executor failed running …" wrapper. Undefined when the step printed none.
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
      : ((failedStep ? this.causes.get(failedStep.id) : undefined) ??
        (failedStep ? undefined : [...this.causes.values()][0]));
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
        events.push({ kind: 'log', text: line });
      }
    }
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
