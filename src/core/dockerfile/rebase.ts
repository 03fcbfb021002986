// An explicit base image against an existing Dockerfile: the FROM it would change, as an edit the user
// can see (a diff) and accept, never applied or ignored silently.

export interface BaseImageChange {
  /** The image the Dockerfile names now. */
  current: string;
  /** 1-based line of that FROM. */
  line: number;
  /** The Dockerfile with only that FROM's image replaced. */
  text: string;
}

const FROM = /^(\s*FROM\s+)((?:--\S+\s+)*)(\S+)(.*)$/i;

/**
 * The change that makes the final stage start FROM `image`, or undefined when it already does (or
 * when the final stage starts from an earlier stage, which the user built on purpose).
 */
export function baseImageChange(dockerfile: string, image: string): BaseImageChange | undefined {
  const lines = dockerfile.split('\n');
  const stages = new Set<string>();
  let last: { index: number; m: RegExpExecArray } | undefined;
  lines.forEach((l, index) => {
    const m = FROM.exec(l.replace(/\r$/, ''));
    if (!m) return;
    last = { index, m };
    const alias = /\s+as\s+(\S+)/i.exec(m[4]);
    if (alias) stages.add(alias[1].toLowerCase());
  });
  if (!last) return undefined;
  const { index, m } = last;
  const current = m[3];
  if (current === image || stages.has(current.toLowerCase())) return undefined;
  const eol = lines[index].endsWith('\r') ? '\r' : '';
  const out = [...lines];
  out[index] = `${m[1]}${m[2]}${image}${m[4]}${eol}`;
  return { current, line: index + 1, text: out.join('\n') };
}
