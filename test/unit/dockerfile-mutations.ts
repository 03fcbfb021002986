// Deterministic mutations of real Dockerfiles, shared by the fuzz test, the CLI test and the bench.
import fs from 'node:fs';
import path from 'node:path';
import { goldenCases } from './generate-cases';
import { generateDockerfile } from '../../src/core/generate';

function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

export const ROOT = path.resolve(__dirname, '../../..');
const PIECES = [
  '\u00a0',
  '\ufeff',
  '\u2003',
  '\u3000',
  '\u2028',
  '\u200b',
  '\0',
  '\ud800',
  '\udfff',
  '\r\n',
  '\r',
  '\n',
  '\t',
  ' ',
  '\\',
  '\\\n',
  '\\\r\n',
  '\\\n\n',
  '"',
  "'",
  '`',
  '$',
  '${',
  '$(',
  '}',
  '[',
  ']',
  '#',
  '# dsc-ignore ',
  '# check=skip=all\n',
  '<<EOF\n',
  '<<-"EOS"\n',
  'EOF\n',
  '&&',
  '|',
  ';',
  '=',
  ':',
  '/',
  '--from=',
  '--platform=',
  'AS ',
  'as ',
  'FROM ',
  'RUN ',
  'COPY ',
  'ENV ',
  'ARG ',
  'EXPOSE ',
  'WORKDIR ',
  'USER ',
  'SHELL ',
  'pip install ',
  'apt-get install -y ',
  'cd ',
  'sudo ',
  'curl -s x | sh',
  'wget ',
  '${X:-a}',
  '[""',
  '\u00e9',
];

function corpus(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/Dockerfile/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  for (const d of ['test/fixtures', 'test/unit/golden']) walk(path.join(ROOT, d));
  out.push(...Object.values(goldenCases).map(generateDockerfile));
  return out;
}

/** `count` mutated Dockerfiles, the same on every run. */
export function mutatedDockerfiles(count: number, seed = 16): string[] {
  const r = rng(seed);
  const base = corpus();
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let s = base[Math.floor(r() * base.length)];
    for (let m = 1 + Math.floor(r() * 6); m > 0; m--) {
      const at = Math.floor(r() * (s.length + 1));
      const op = r();
      if (op < 0.5) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
      else if (op < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 20));
      else if (op < 0.8)
        s = s.slice(0, at); // cut short: unterminated heredocs, quotes, continuations
      else if (op < 0.9) s = s.replace(/\n/g, '\r\n');
      else s = s.slice(at) + s.slice(0, at);
    }
    out.push(s);
  }
  return out;
}
