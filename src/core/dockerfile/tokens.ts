// One notion of whitespace for every tokenizer of shell text in a Dockerfile. The shell splits
// words on its IFS (space, tab, newline) and nothing else: a no-break space (U+00A0), a BOM (U+FEFF)
// or any other Unicode space pasted from a web page is part of a word. Regular expressions' `\s`
// disagrees, and a loop that skipped by one notion and stopped by the other never advanced.

/** Characters that separate shell words on one line (CR counts: a CRLF file's lines end in it). */
export const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r';

/** Blank or newline: the shell's IFS plus CR. */
export const isSpace = (c: string | undefined): boolean => isBlank(c) || c === '\n';

// Patterns over shell text spell the same set out as `[ \t\r\n]` (never `\s`).

/** Ends one simple command. */
const isOperator = (c: string | undefined): boolean => c === ';' || c === '|' || c === '&' || c === ')' || c === '\n';

/** A word of a shell command with its offsets in the Dockerfile text (quotes removed from value). */
export interface Word {
  value: string;
  start: number;
  end: number;
}

/** Length of a backslash-newline continuation at i (2 or 3 with CRLF), else 0. */
export function continuationAt(text: string, i: number): number {
  if (text[i] !== '\\') return 0;
  if (text[i + 1] === '\n') return 2;
  return text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 0;
}

/**
 * The words of one simple shell command starting at `from` in `text`: stops at `&&`, `||`, `;`,
 * `|`, `)` or an unescaped newline, skips backslash-newline continuations, strips quotes.
 * Every iteration consumes at least one character, whatever the text holds.
 */
export function commandWords(text: string, from: number, to = text.length): Word[] {
  const words: Word[] = [];
  let i = from;
  while (i < to) {
    const cont = continuationAt(text, i);
    if (cont) {
      i += cont;
      continue;
    }
    if (isBlank(text[i])) {
      i++;
      continue;
    }
    if (isOperator(text[i])) break;
    const start = i;
    let value = '';
    while (i < to && !isSpace(text[i]) && !isOperator(text[i])) {
      const q = text[i];
      if (q === '"' || q === "'") {
        const close = text.indexOf(q, i + 1);
        const end = close < 0 || close >= to ? to : close;
        value += text.slice(i + 1, end);
        i = end + 1;
      } else if (q === '\\' && !continuationAt(text, i)) {
        value += text[i + 1] ?? '';
        i += 2;
      } else if (q === '\\') {
        i += continuationAt(text, i); // `ab\<newline>cd` is one word to the shell
      } else {
        value += q;
        i++;
      }
    }
    words.push({ value, start, end: Math.min(i, to) });
  }
  return words;
}

/** A `$NAME` or `${NAME…}` reference as Docker expands it in instruction arguments. */
export interface VarRef {
  name: string;
  start: number;
  end: number;
  /** `${NAME:-x}`, `${NAME-x}`, `${NAME:+x}`…: the author handled the unset case. */
  modifier: boolean;
}

/** The variable references in text[from, to): `\$` and single quotes keep a `$` literal. */
export function variableRefs(text: string, from: number, to: number): VarRef[] {
  const out: VarRef[] = [];
  let quoted = false;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'") {
      quoted = !quoted;
      continue;
    }
    if (c !== '$' || quoted) continue;
    if (text[i + 1] === '{') {
      const m = /^\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}/.exec(text.slice(i + 1, Math.min(to, i + 300)));
      if (m) {
        out.push({ name: m[1], start: i, end: i + 1 + m[0].length, modifier: m[2] !== '' });
        i += m[0].length;
      }
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1, Math.min(to, i + 200)));
      if (m) {
        out.push({ name: m[0], start: i, end: i + 1 + m[0].length, modifier: false });
        i += m[0].length;
      }
    }
  }
  return out;
}
