/** Low-level line handling of pip's requirements format (continuations, comments, options). */

export interface PhysicalGroup {
  line: number;
  lineCount: number;
  /** Physical lines joined with "\n". */
  raw: string;
  /**
   * The logical line pip sees: continuation backslashes removed and lines joined. Offsets on the
   * first physical line are the same in `raw` and `logical`, which keeps columns right there.
   */
  logical: string;
}

/** Splits text into logical lines (a line ending in `\` continues on the next one, as in pip). */
export function physicalLines(text: string): PhysicalGroup[] {
  const src = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (src.length && src[src.length - 1] === '') src.pop(); // final newline
  const out: PhysicalGroup[] = [];
  for (let i = 0; i < src.length; i++) {
    const start = i;
    const parts = [src[i]];
    while (/\\$/.test(src[i]) && !isComment(src[i]) && i + 1 < src.length) parts.push(src[++i]);
    const logical = parts.map((p, k) => (k < parts.length - 1 ? p.slice(0, -1) : p)).join('');
    out.push({ line: start, lineCount: parts.length, raw: parts.join('\n'), logical });
  }
  return out;
}

function isComment(line: string): boolean {
  return /^\s*#/.test(line);
}

/** pip: a `#` at the start or after whitespace begins a comment (so `#egg=` in URLs is not one). */
export function splitComment(logical: string): { body: string; comment?: string; bodyStart: number } {
  const m = /(^|\s)#/.exec(logical);
  const body = m ? logical.slice(0, m.index) : logical;
  const comment = m ? logical.slice(m.index + m[1].length) : undefined;
  const bodyStart = body.length - body.trimStart().length;
  return { body: body.trim(), comment, bodyStart };
}

/** Options pip accepts after a requirement on the same line. */
const perRequirement = /\s(--hash|--config-settings|--global-option|--install-option)(=|\s)/;

/** Separates `name==1 --hash=sha256:…` into the PEP 508 part and its per-requirement options. */
export function splitPerRequirementOptions(body: string): { spec: string; options: string[] } {
  const m = perRequirement.exec(body);
  if (!m) return { spec: body, options: [] };
  const spec = body.slice(0, m.index);
  const options = body
    .slice(m.index)
    .trim()
    .split(/\s+(?=--)/);
  return { spec, options };
}
