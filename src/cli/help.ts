import { CliCommand } from './io';

/** Help text fits a normal terminal. */
export const HELP_WIDTH = 80;

/** Words of `text` filled into lines of at most `width` columns, every line after the first indented by `indent`. */
export function wrap(text: string, width = HELP_WIDTH, indent = ''): string[] {
  return fill(text.split(/\s+/).filter(Boolean), width, indent);
}

function fill(words: string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : `${lines.length ? indent : ''}${word}`;
    if (next.length > width && line.trim()) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** What a command does, in its first clause (the details stay for `COMMAND --help`). */
function brief(summary: string): string {
  let depth = 0;
  for (let i = 0; i < summary.length; i++) {
    const c = summary[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && (c === ';' || c === ':') && summary[i + 1] === ' ') return summary.slice(0, i);
  }
  return summary.replace(/\.$/, '');
}

/** One capitalisation in the command list, git's: a lower-case verb ("List" → "list"; "DSC" stays). */
const lowerFirst = (text: string) => text.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());

/** `ds-containers --help`: the commands with what each does, then the global options (git's and docker's shape). */
export function overview(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  const pad = ' '.repeat(2 + width);
  return [
    'Usage: ds-containers COMMAND [ARGS] [OPTIONS]',
    '',
    'Take a Python / Jupyter project to a reproducible container.',
    '',
    'Commands:',
    ...commands.flatMap((c) =>
      wrap(lowerFirst(brief(c.summary)), HELP_WIDTH - pad.length).map(
        (l, n) => (n ? pad : `  ${c.name.padEnd(width)}`) + l,
      ),
    ),
    '',
    'Global options:',
    "  -h, --help     show this help; after a command, that command's usage",
    '  -V, --version  print the version',
    '',
    "Run 'ds-containers COMMAND --help' for the details of a command.",
  ].join('\n');
}

/** `ds-containers COMMAND --help`: the full usage (wrapped at its options) and what the command does. */
export function commandHelp(cmd: CliCommand): string {
  // An option in brackets ("[--mode MODE]") is never split across lines.
  const usage = fill(`Usage: ds-containers ${cmd.usage}`.match(/\[[^\]]*\]\S*|\S+/g) ?? [], HELP_WIDTH, ' '.repeat(7));
  return [
    ...usage,
    '',
    ...wrap(cmd.summary),
    ...(cmd.help?.length ? ['', ...cmd.help.flatMap((l) => helpLine(l))] : []),
  ].join('\n');
}

/**
 * One line of a command's help. An option row ("--pins image   what it does") and its continuation lines
 * keep their column: the description wraps under itself, never under the option. Prose is filled.
 */
function helpLine(line: string, width = HELP_WIDTH): string[] {
  const column = /^(\s*-\S*(?: \S+)?\s{2,}|\s{2,})/.exec(line)?.[1];
  if (!column) return wrap(line, width);
  const indent = ' '.repeat(column.length);
  const [first, ...rest] = wrap(line.slice(column.length), width - column.length);
  return [column + (first ?? ''), ...rest.map((l) => indent + l)];
}
