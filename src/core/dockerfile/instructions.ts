import { stepInstruction } from '../docker/buildProgress';
import { parseDockerfile } from './parse';

/** One Dockerfile instruction, flattened the way BuildKit names its steps. */
export interface InstructionLine {
  keyword: string;
  /** Arguments with line continuations removed and whitespace collapsed. */
  args: string;
  /** 0-based first and last line. */
  line: number;
  endLine: number;
  /** 0-based index of the FROM stage it belongs to; -1 before the first FROM. */
  stage: number;
}

const collapse = (s: string) =>
  s
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function listInstructions(text: string): InstructionLine[] {
  const out: InstructionLine[] = [];
  let stage = -1;
  for (const ins of parseDockerfile(text).getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage++;
    const r = ins.getRange();
    out.push({
      keyword,
      args: collapse(ins.getTextContent().trim().slice(ins.getInstruction().length)),
      line: r.start.line,
      endLine: r.end.line,
      stage,
    });
  }
  return out;
}

/**
 * The instruction a build step names, e.g. "[3/5] RUN pip install -r requirements.txt" (BuildKit)
 * or "[3/5] RUN …" made from the classic builder's "Step 3/5 : RUN …". Matches the text first
 * (exact, then a prefix, since BuildKit shortens long names); the last match wins because the
 * final stage is the usual culprit. Undefined when nothing matches.
 */
export function findStepInstruction(dockerfile: string, stepName: string): InstructionLine | undefined {
  // BuildKit names FROM by the full reference: docker.io/library/python:3.11-slim.
  const want = collapse(stepInstruction(stepName)).replace(/^FROM docker\.io\/(library\/)?/i, 'FROM ');
  const sp = want.indexOf(' ');
  const keyword = (sp < 0 ? want : want.slice(0, sp)).toUpperCase();
  const args = sp < 0 ? '' : want.slice(sp + 1);
  const all = listInstructions(dockerfile).filter((i) => i.keyword === keyword);
  const exact = all.filter((i) => i.args === args || stripFromAlias(i) === args);
  if (exact.length) return exact[exact.length - 1];
  const stem = args.replace(/\.\.\.$/, '');
  const partial = all.filter((i) => stem && (i.args.startsWith(stem) || stem.startsWith(i.args)));
  if (partial.length) return partial[partial.length - 1];
  return byPosition(dockerfile, stepName);
}

// BuildKit numbers only the instructions that make a vertex; ARG/ENV/USER/CMD… do not.
const VERTEX_KEYWORDS = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR']);

/**
 * Text with build args expanded ("${UID}" → "1000") does not match the source: use the step's
 * position "[stage N/M]" among its stage's vertex-making instructions.
 */
function byPosition(dockerfile: string, stepName: string): InstructionLine | undefined {
  const m = /^\[(?:(\S+)\s)?(\d+)\/(\d+)\]/.exec(stepName);
  if (!m) return undefined;
  const all = listInstructions(dockerfile);
  const stages = Math.max(-1, ...all.map((i) => i.stage)) + 1;
  let stage = stages - 1;
  if (m[1]) {
    const k = /^stage-(\d+)$/.exec(m[1]);
    if (k) stage = Number(k[1]);
    else
      stage =
        all.find(
          (i) =>
            i.keyword === 'FROM' &&
            new RegExp(`\\sas\\s+${m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i').test(i.args),
        )?.stage ?? -1;
  }
  const steps = all.filter((i) => i.stage === stage && VERTEX_KEYWORDS.has(i.keyword));
  return steps.length === Number(m[3]) ? steps[Number(m[2]) - 1] : undefined;
}

// BuildKit names a FROM step by its image only ("FROM docker.io/library/python:3.11-slim").
function stripFromAlias(i: InstructionLine): string {
  return i.keyword === 'FROM' ? i.args.replace(/\s+as\s+\S+$/i, '') : i.args;
}

// unreachableBase()'s sentence names the image as the FROM line has it, less docker.io/library/.
function missingBaseLine(dockerfile: string, msg: string): InstructionLine | undefined {
  const image = / is not on this machine and its registry cannot be reached/.test(msg) ? msg.split(' ')[0] : undefined;
  if (!image) return undefined;
  const bare = (ref: string) => ref.replace(/^(?:docker\.io\/)?library\//, '').replace(/^docker\.io\//, '');
  return listInstructions(dockerfile).find(
    (i) =>
      i.keyword === 'FROM' &&
      bare(
        stripFromAlias(i)
          .replace(/--\S+\s+/g, '')
          .trim(),
      ) === image,
  );
}

/** A failed build pinned to a line: what the CLI prints as `Dockerfile:LINE: error: message`. */
export interface BuildErrorLocation {
  /** 0-based; undefined when the step cannot be located. */
  line?: number;
  endLine?: number;
  message: string;
}

export function locateBuildError(dockerfile: string, message: string, stepName?: string): BuildErrorLocation {
  const msg = message.trim().replace(/\s+/g, ' ');
  const ins = stepName ? findStepInstruction(dockerfile, stepName) : undefined;
  // A syntax error names its line itself: "dockerfile parse error line 7: unknown instruction: RUNN".
  const parse = /(?:parse error (?:on )?line|line) (\d+):/i.exec(msg);
  if (!ins && parse) return { line: Number(parse[1]) - 1, endLine: Number(parse[1]) - 1, message: msg };
  const from = ins ? undefined : missingBaseLine(dockerfile, msg);
  if (from) return { line: from.line, endLine: from.endLine, message: msg };
  return { line: ins?.line, endLine: ins?.endLine, message: msg };
}
