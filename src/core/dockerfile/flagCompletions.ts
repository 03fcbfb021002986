// Flags of COPY and ADD that dockerfile-language-service does not offer (it knows --chown and --from):
// the ones BuildKit's Dockerfile frontend documents for COPY/ADD, completed where flags may go.

/** An LSP-shaped completion item (what the language service returns), so the editor converts both alike. */
export interface FlagCompletion {
  label: string;
  kind: 10; // Property
  insertTextFormat: 2; // snippet
  textEdit: { range: { start: Pos; end: Pos }; newText: string };
  documentation: { kind: 'markdown'; value: string };
  sortText: string;
}

interface Pos {
  line: number;
  character: number;
}

const FLAGS: Record<'COPY' | 'ADD', [string, string, string][]> = {
  COPY: [
    ['--chmod', '--chmod=${1:0644}', 'File mode of the copied files (octal), without a `RUN chmod` layer.'],
    ['--link', '--link', 'Copies into a layer of its own, reused even when earlier layers change.'],
    ['--exclude', '--exclude=${1:pattern}', 'Leaves out the files that match (several `--exclude` may follow).'],
    ['--parents', '--parents', 'Keeps the parent folders of the sources under the destination.'],
  ],
  ADD: [
    ['--chmod', '--chmod=${1:0644}', 'File mode of the added files (octal).'],
    ['--link', '--link', 'Adds into a layer of its own, reused even when earlier layers change.'],
    ['--checksum', '--checksum=${1:sha256:}', 'The digest a remote source must have.'],
    ['--keep-git-dir', '--keep-git-dir=${1:true}', 'Keeps the `.git` folder of a Git source.'],
    ['--exclude', '--exclude=${1:pattern}', 'Leaves out the files that match.'],
  ],
};

/**
 * The missing flags of the COPY or ADD instruction at `pos`, when the cursor is where a flag may go
 * (after the keyword, before the first source) and starts a word that a flag can complete.
 */
export function flagCompletions(text: string, pos: Pos): FlagCompletion[] {
  const line = text.split(/\r?\n/)[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const m = /^\s*(COPY|ADD)((?:\s+--[\w-]+(?:=\S*)?)*)\s+(-{0,2}[\w-]*)$/i.exec(before);
  if (!m) return [];
  const keyword = m[1].toUpperCase() as 'COPY' | 'ADD';
  const word = m[3];
  const present = new Set([...line.matchAll(/--([\w-]+)/g)].map((x) => `--${x[1]}`));
  const start = { line: pos.line, character: pos.character - word.length };
  return FLAGS[keyword]
    .filter(([flag]) => flag.startsWith(word) && (flag === '--exclude' || !present.has(flag)))
    .map(([flag, snippet, doc]) => ({
      label: flag,
      kind: 10 as const,
      insertTextFormat: 2 as const,
      textEdit: { range: { start, end: pos }, newText: snippet },
      documentation: { kind: 'markdown' as const, value: `\`${keyword} ${flag}\`: ${doc}` },
      sortText: `~${flag}`,
    }));
}
