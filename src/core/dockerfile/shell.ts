// The shell script a RUN hands to the shell, with the Dockerfile offset of every character, so that
// rules and ShellCheck can point into continuation lines and heredocs. Built on tokens.ts.
import { Word, commandWords, continuationAt, isBlank } from './tokens';

export interface Script {
  text: string;
  /** map[i]: offset in the Dockerfile of text[i]; map[text.length]: the end. */
  map: number[];
  /** The script is a heredoc body (`RUN <<EOF`), kept line for line. */
  heredoc: boolean;
}

const HEREDOC = /^<<(-?)[ \t]*(["']?)([A-Za-z_][\w.-]*)\2/;

/**
 * The script of a shell-form RUN whose arguments span [from, to) of `text`: continuations joined and
 * comment lines inside them dropped (as Docker does), or, for `RUN <<EOF`, the heredoc body.
 */
export function runScript(text: string, from: number, to: number): Script {
  const h = HEREDOC.exec(text.slice(from, to));
  if (h) return heredocBody(text, from, to, h[3], h[1] === '-');
  const chars: string[] = [];
  const map: number[] = [];
  let i = from;
  let lineStart = true;
  while (i < to) {
    const cont = continuationAt(text, i);
    if (cont) {
      i += cont;
      lineStart = true;
      continue;
    }
    if (lineStart) {
      // A comment line inside a continued instruction is removed before the shell sees it.
      let j = i;
      while (j < to && isBlank(text[j])) j++;
      if (text[j] === '#' && i !== from) {
        while (j < to && text[j] !== '\n') j++;
        i = j + 1;
        continue;
      }
      lineStart = false;
    }
    chars.push(text[i]);
    map.push(i);
    i++;
  }
  map.push(to);
  return { text: chars.join(''), map, heredoc: false };
}

function heredocBody(text: string, from: number, to: number, delimiter: string, dash: boolean): Script {
  const nl = text.indexOf('\n', from);
  const start = nl < 0 || nl >= to ? to : nl + 1;
  let end = to;
  for (let at = start; at < to;) {
    const eol = text.indexOf('\n', at);
    const lineEnd = eol < 0 || eol > to ? to : eol;
    const line = text.slice(at, lineEnd).replace(/\r$/, '');
    if ((dash ? line.replace(/^\t+/, '') : line) === delimiter) {
      end = at;
      break;
    }
    at = lineEnd + 1;
  }
  const map: number[] = [];
  for (let k = start; k <= end; k++) map.push(k);
  return { text: text.slice(start, end), map, heredoc: true };
}

/** One simple command of a script and the operator before it ('' first, then '&&', '||', ';', '|', '&', '\n'). */
export interface SimpleCommand {
  words: Word[];
  after: string;
}

/** The simple commands of a script, in order (words' offsets are script offsets). */
export function simpleCommands(script: string): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let op = '';
  let i = 0;
  while (i < script.length) {
    const words = commandWords(script, i);
    const end = words.length ? words[words.length - 1].end : i;
    if (words.length) out.push({ words, after: op });
    // Past the words and blanks to the operator; at least one character is consumed per turn.
    let j = Math.max(end, i);
    while (j < script.length && (isBlank(script[j]) || continuationAt(script, j))) j += continuationAt(script, j) || 1;
    const two = script.slice(j, j + 2);
    if (two === '&&' || two === '||' || two === ';;') {
      op = two;
      j += 2;
    } else if (j < script.length) {
      op = script[j];
      j++;
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

/** The command name of a simple command, past `VAR=value` assignments and `sudo`-like wrappers kept. */
export function commandName(c: SimpleCommand): Word | undefined {
  return c.words.find((w) => !/^[A-Za-z_]\w*=/.test(w.value));
}
