/**
 * PyTorch's CPU wheel index in a requirements.txt that already exists (scaffold merges into it): the index line
 * and its comment are appended once, never beside an index of PyTorch's the file already names, and taken out
 * again with `--gpu` when it is the one an earlier scaffold wrote (a user's own line is theirs: only named).
 */
import type { ProjectSpec } from '../project';
import { parseRequirements } from '../requirements/parse';
import { torchIndexLines } from './lean';

export interface TorchIndexMerge {
  text: string;
  /** The index lines were appended, or ours were taken out (`--gpu`). */
  change?: 'added' | 'removed';
  /** 0-based line of a user's own CPU index line that `--gpu` contradicts (kept). */
  contradicted?: number;
}

const INDEX_OPTIONS = new Set(['-i', '--index-url', '--extra-index-url']);
const PYTORCH_INDEX = /^https?:\/\/download\.pytorch\.org\/whl(\/|$)/;
const CPU_INDEX = /^https?:\/\/download\.pytorch\.org\/whl\/cpu\/?$/;

/** The lines that ask for a PyTorch wheel index (any of its flavours), 0-based, with whether it is the CPU one. */
function pytorchIndexLines(text: string): { line: number; cpu: boolean }[] {
  return parseRequirements(text)
    .lines.filter((l) => l.kind === 'option' && INDEX_OPTIONS.has(l.option ?? '') && PYTORCH_INDEX.test(l.value ?? ''))
    .map((l) => ({ line: l.line, cpu: CPU_INDEX.test(l.value!) }));
}

/** Where the block an earlier scaffold wrote starts (its first comment line), when it is there unchanged. */
function oursAt(physical: readonly string[]): number | undefined {
  const block = torchIndexLines({ torchIndex: 'cpu' });
  for (let i = 0; i + block.length <= physical.length; i++)
    if (block.every((b, k) => physical[i + k].trimEnd() === b)) return i;
  return undefined;
}

export function mergeTorchIndex(text: string, spec: Pick<ProjectSpec, 'torchIndex' | 'gpu'>): TorchIndexMerge {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (spec.torchIndex === 'cpu') {
    if (pytorchIndexLines(text).length) return { text };
    // Appended (pip reads options anywhere in the file): every line of the user's stays where it was.
    let out = text;
    if (out.length && !out.endsWith('\n')) out += eol;
    if (out.trim().length) out += eol;
    return { text: out + torchIndexLines(spec).join(eol) + eol, change: 'added' };
  }
  if (!spec.gpu) return { text };
  const physical = text.split(/\r?\n/);
  const at = oursAt(physical);
  if (at === undefined) {
    const theirs = pytorchIndexLines(text).find((l) => l.cpu);
    return theirs ? { text, contradicted: theirs.line } : { text };
  }
  const size = torchIndexLines({ torchIndex: 'cpu' }).length;
  // The blank line the append put before the block goes with it (when nothing but the end or a blank follows).
  const blankBefore = at > 0 && physical[at - 1].trim() === '';
  const after = physical[at + size];
  const start = blankBefore && (after === undefined || after.trim() === '') ? at - 1 : at;
  physical.splice(start, at + size - start);
  return { text: physical.join(eol), change: 'removed' };
}
