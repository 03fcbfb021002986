// What a Dockerfile's build reads besides its context: the images it starts from or copies from. With
// their ids and the context's files, that decides the build's result, so an unchanged set means a build
// would only reuse its cache (`up` then skips it). A Dockerfile whose result can depend on anything else
// (a URL, a frontend image, a secret, variables we cannot resolve) is `unknown`: it is always built.

export type DockerfileImages = { images: string[] } | { unknown: string };

/** Logical lines: continuations joined, comments and blank lines dropped; undefined with a parser directive. */
function logicalLines(text: string): string[] | { unknown: string } {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  let cur = '';
  let leading = true;
  for (const raw of lines) {
    // `# syntax=` (a frontend image from a registry) or `# escape=` (another continuation character).
    if (leading && /^\s*#\s*(syntax|escape)\s*=/i.test(raw)) return { unknown: 'a parser directive' };
    if (/^\s*#/.test(raw) || !raw.trim()) continue; // also inside a continued instruction, as Docker reads it
    leading = false;
    if (/\\\s*$/.test(raw)) {
      cur += raw.replace(/\\\s*$/, ' ');
      continue;
    }
    cur += raw;
    if (cur.trim()) out.push(cur.trim());
    cur = '';
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** `$NAME` and `${NAME}` from the ARG defaults declared before the first FROM; undefined when one is unknown. */
function substitute(word: string, args: Map<string, string>): string | undefined {
  let ok = true;
  const value = word.replace(/\$(?:\{([A-Za-z_]\w*)([^}]*)\}|([A-Za-z_]\w*))/g, (_m, braced, rest, bare) => {
    const v = args.get(braced ?? bare);
    if (rest || v === undefined) ok = false; // ${NAME:-default} and friends: not ours to evaluate
    return v ?? '';
  });
  return ok && !value.includes('$') ? value : undefined;
}

const unquote = (s: string) => s.replace(/^(["'])(.*)\1$/, '$2');

/**
 * The images a build reads (FROM and COPY --from that are not earlier stages), as written after ARG
 * defaults, or why the Dockerfile's result may depend on more than its images and context.
 */
export function dockerfileImages(text: string): DockerfileImages {
  const lines = logicalLines(text);
  if (!Array.isArray(lines)) return lines;
  const args = new Map<string, string>();
  const stages = new Set<string>();
  const images = new Set<string>();
  let seenFrom = false;
  for (const line of lines) {
    const [keyword = '', ...words] = line.split(/\s+/);
    const kw = keyword.toUpperCase();
    const flags = words.filter((w) => w.startsWith('--'));
    const rest = words.filter((w) => !w.startsWith('--'));
    if (/<<-?\s*["']?\w/.test(line)) return { unknown: 'a here-document' };
    if (kw === 'ARG' && !seenFrom) {
      if (/["'][^"']*\s/.test(line)) return { unknown: 'an ARG default with spaces' };
      for (const w of rest) {
        const eq = w.indexOf('=');
        if (eq > 0) args.set(w.slice(0, eq), unquote(w.slice(eq + 1)));
        else args.delete(w); // declared without a default: empty unless --build-arg, which we never pass
      }
    } else if (kw === 'FROM') {
      seenFrom = true;
      if (flags.length) return { unknown: `FROM ${flags[0]}` };
      const ref = rest[0] && substitute(rest[0], args);
      if (!ref) return { unknown: `FROM ${rest[0] ?? ''}`.trim() };
      const lower = ref.toLowerCase();
      if (lower !== 'scratch' && !stages.has(lower)) images.add(ref);
      if (rest[1]?.toUpperCase() === 'AS' && rest[2]) stages.add(rest[2].toLowerCase());
    } else if (kw === 'COPY' || kw === 'ADD') {
      for (const f of flags) {
        const m = /^--from=(.+)$/i.exec(f);
        if (!m) continue;
        const from = m[1].toLowerCase();
        if (!/^\d+$/.test(from) && !stages.has(from)) images.add(m[1]);
      }
      if (kw === 'ADD' && rest.some((w) => /^(https?|git|ssh):\/\/|^git@|\.git(#.*)?$/i.test(unquote(w))))
        return { unknown: 'ADD from a URL' };
      if (kw === 'ADD' && flags.some((f) => /^--(checksum|keep-git-dir)/i.test(f)))
        return { unknown: 'ADD from a URL' };
    } else if (kw === 'RUN') {
      // A mount from an image, or a secret / SSH agent we never pass: what the step reads is not ours to see.
      const mount = flags.find((f) => /^--mount=/i.test(f) && /(^|,)(from=|type=(secret|ssh))/i.test(f.slice(8)));
      if (mount) return { unknown: `RUN ${mount}` };
    }
  }
  return { images: [...images] };
}
