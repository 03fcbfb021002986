import { TextEdit } from './findings';

/**
 * Offsets of each line start, so 0-based positions and string offsets convert both ways. Lines end
 * as in LSP and VS Code: at LF, CRLF or a lone CR (a parser that counts lines so and a rule that
 * did not would point at different lines of a file with stray CRs).
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

export function offsetOf(starts: number[], line: number, col: number): number {
  return (starts[line] ?? starts[starts.length - 1]) + col;
}

/** Applies non-overlapping edits (as an editor would), last first so offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const spans = edits
    .map((e) => ({ from: offsetOf(starts, e.line, e.col), to: offsetOf(starts, e.endLine, e.endCol), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const s of spans) out = out.slice(0, s.from) + s.text + out.slice(s.to);
  return out;
}
