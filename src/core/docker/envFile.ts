// `.env` files as compose and python-dotenv read them, passed to the container at run time: never
// copied into the image (the build context always leaves them out, see node/docker/context.ts).

export interface EnvFileResult {
  /** KEY=VALUE entries, in file order (a later one wins, as in Docker). */
  vars: string[];
  /** 1-based lines that are not assignments. */
  problems: { line: number; message: string }[];
}

const ASSIGN = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/;

/** Parses a dotenv file: `KEY=value`, `export KEY=value`, quotes, `# comments`, blank lines. */
export function parseEnvFile(text: string): EnvFileResult {
  const out: EnvFileResult = { vars: [], problems: [] };
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    const m = ASSIGN.exec(raw);
    if (!m) {
      out.problems.push({ line: i + 1, message: `not a KEY=value line: ${JSON.stringify(raw.trim().slice(0, 40))}` });
      continue;
    }
    let value = m[2];
    const q = value[0];
    if (q === '"' || q === "'") {
      // A quoted value may span lines until its closing quote.
      let body = value.slice(1);
      let end = closing(body, q);
      while (end < 0 && i + 1 < lines.length) {
        body += '\n' + lines[++i];
        end = closing(body, q);
      }
      value = end < 0 ? body : body.slice(0, end);
      if (q === '"')
        value = value.replace(
          /\\([nrt"\\])/g,
          (_, c: string) => (({ n: '\n', r: '\r', t: '\t' }) as Record<string, string>)[c] ?? c,
        );
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out.vars.push(`${m[1]}=${value}`);
  }
  return out;
}

function closing(body: string, q: string): number {
  for (let k = 0; k < body.length; k++) {
    if (q === '"' && body[k] === '\\') {
      k++;
      continue;
    }
    if (body[k] === q) return k;
  }
  return -1;
}

/** The one hint for a project whose `.env.example` says settings are expected but that has no `.env`. */
export function missingEnvHint(existing: readonly string[]): string | undefined {
  if (existing.includes('.env') || !existing.includes('.env.example')) return undefined;
  return (
    'hint: .env.example lists settings but there is no .env: `cp .env.example .env` and fill it in ' +
    '(passed at run time, never put in the image)'
  );
}
