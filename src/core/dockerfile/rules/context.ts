import type { Dockerfile, From, Instruction } from 'dockerfile-ast';
import { lineStarts, offsetOf } from '../../edits';
import { TextEdit } from '../../findings';
import { Word, commandWords } from '../tokens';
import { Script, runScript } from '../shell';
import { parseDockerfile } from '../parse';

export { commandWords } from '../tokens';
export type { Word } from '../tokens';

export interface Span {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** One build stage: its FROM and the instructions after it, up to the next FROM. */
export interface Stage {
  from: From;
  instructions: Instruction[];
}

/** What a rule may know beyond the text; every field optional, a rule that needs a missing one stays quiet. */
export interface LintFacts {
  /** Patterns of the build context's .dockerignore (CopyIgnoredFile). */
  dockerignore?: string[];
  /** "os/arch" of local images by reference as written in FROM (InvalidBaseImagePlatform). */
  imagePlatforms?: Record<string, string>;
  /** "os/arch" the build produces (default: the engine's). */
  targetPlatform?: string;
  /** Environment variable names of base images by reference (UndefinedVar). */
  imageEnv?: Record<string, string[]>;
  /** The user local images run as (their `Config.User`, '' for root) by reference as written in FROM (DSC004). */
  imageUsers?: Record<string, string>;
  /** requirements.lock beside the Dockerfile exists, with the base image and digest it recorded (DSC003, DSC019). */
  lock?: { base?: string; baseDigest?: string };
}

/** The parsed Dockerfile and the offset/position helpers every rule uses. */
export class LintContext {
  readonly df: Dockerfile;
  readonly starts: number[];
  readonly lines: string[];
  readonly stages: Stage[] = [];
  readonly instructions: Instruction[];
  private readonly scripts = new Map<Instruction, Script | undefined>();
  private readonly jsonForm = new Map<Instruction, boolean>();

  constructor(
    readonly text: string,
    readonly facts: LintFacts = {},
  ) {
    this.df = parseDockerfile(text);
    this.starts = lineStarts(text);
    this.lines = text.split(/\r\n|\r|\n/);
    this.instructions = this.df.getInstructions();
    for (const i of this.instructions) {
      if (i.getKeyword() === 'FROM') this.stages.push({ from: i as From, instructions: [] });
      else this.stages[this.stages.length - 1]?.instructions.push(i);
    }
  }

  offset(p: { line: number; character: number }): number {
    return offsetOf(this.starts, p.line, p.character);
  }

  span(start: number, end: number): Span {
    const a = this.position(start);
    const b = this.position(end);
    return { line: a.line, col: a.col, endLine: b.line, endCol: b.col };
  }

  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: offset - this.starts[lo] };
  }

  rangeSpan(r: { start: { line: number; character: number }; end: { line: number; character: number } }): Span {
    return { line: r.start.line, col: r.start.character, endLine: r.end.line, endCol: r.end.character };
  }

  /** Start and end offsets of an instruction, keyword included. */
  bounds(i: Instruction): { start: number; end: number } {
    const r = i.getRange();
    return { start: this.offset(r.start), end: this.offset(r.end) };
  }

  /** Start and end offsets of a range. */
  offsets(r: { start: { line: number; character: number }; end: { line: number; character: number } }): {
    start: number;
    end: number;
  } {
    return { start: this.offset(r.start), end: this.offset(r.end) };
  }

  raw(i: Instruction): string {
    const b = this.bounds(i);
    return this.text.slice(b.start, b.end);
  }

  /** The instruction whose lines include `line` (binary search: suppression asks once per finding). */
  instructionAt(line: number): Instruction | undefined {
    let lo = 0;
    let hi = this.instructions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.instructions[mid].getRange();
      if (line < r.start.line) hi = mid - 1;
      else if (line > r.end.line) lo = mid + 1;
      else return this.instructions[mid];
    }
    return undefined;
  }

  /** The shell script of a shell-form RUN (undefined for the JSON form), computed once. */
  script(i: Instruction): Script | undefined {
    if (!this.scripts.has(i)) {
      const a = i.getArgumentsRange();
      const s = a && !this.isJsonForm(i) ? runScript(this.text, this.offset(a.start), this.bounds(i).end) : undefined;
      this.scripts.set(i, s);
    }
    return this.scripts.get(i);
  }

  /** The stage index an instruction belongs to (-1 before the first FROM). */
  stageOf(i: Instruction): number {
    const line = i.getRange().start.line;
    let k = -1;
    for (const [n, st] of this.stages.entries()) if (st.from.getRange().start.line <= line) k = n;
    return k;
  }

  /**
   * True when the instruction is in JSON (exec) form: its arguments are a JSON array of strings, as Docker
   * decides (`RUN [ -f x ] && …` starts with a bracket and is a shell command).
   */
  isJsonForm(i: Instruction): boolean {
    let json = this.jsonForm.get(i);
    if (json === undefined) {
      const a = i.getArgumentsRange();
      const args = a ? this.text.slice(this.offset(a.start), this.offset(a.end)) : '';
      json = args.startsWith('[') && isStringArray(args.replace(/\\\r?\n/g, ''));
      this.jsonForm.set(i, json);
    }
    return json;
  }
}

function isStringArray(text: string): boolean {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((w) => typeof w === 'string');
  } catch {
    return false;
  }
}

/** The last `keyword` instruction of the final stage (USER, ENTRYPOINT…), with that stage; none without stages. */
export function lastInFinalStage(ctx: LintContext, keyword: string): { stage?: Stage; instruction?: Instruction } {
  const stage = ctx.stages[ctx.stages.length - 1];
  return { stage, instruction: stage?.instructions.filter((i) => i.getKeyword() === keyword).pop() };
}

/** A USER value that names root (`root`, `0`, with or without a group). */
export const ROOT_USER = /^(root|0)(:.*)?$/;

export function insertAt(line: number, col: number, newText: string): TextEdit {
  return { line, col, endLine: line, endCol: col, newText };
}

export function replace(s: Span, newText: string): TextEdit {
  return { ...s, newText };
}

/**
 * Every `pip install` (pip, pip3, pip3.11, python -m pip, uv pip) in an instruction: offsets of `install` and the
 * words after it.
 */
export function pipInstalls(ctx: LintContext, i: Instruction): { install: Word; args: Word[]; uv: boolean }[] {
  const { start, end } = ctx.bounds(i);
  const body = ctx.text.slice(start, end);
  // Blanks as the shell sees them (tokens.ts): `pip\u00a0install` is not a pip install.
  const re =
    /(?:^|[ \t\r\n;&|(])(?:(?:uv[ \t]+)?pip(?:3(?:\.\d+)?)?|python(?:3(?:\.\d+)?)?[ \t]+-m[ \t]+pip)[ \t]+install\b/g;
  const out: { install: Word; args: Word[]; uv: boolean }[] = [];
  for (const m of body.matchAll(re)) {
    const installEnd = start + m.index! + m[0].length;
    out.push({
      install: { value: 'install', start: installEnd - 7, end: installEnd },
      args: commandWords(ctx.text, installEnd, end),
      uv: /\buv[ \t]/.test(m[0]),
    });
  }
  return out;
}
