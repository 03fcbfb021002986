import { CliError } from './io';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  /** Everything after a bare `--`. */
  rest: string[];
  /** Every value of each valued flag, in order (`--env-file a --env-file b`); `flags` holds the last. */
  lists: Map<string, string[]>;
}

/**
 * Small GNU-style parser: `--flag`, `--flag value`, `--flag=value`, `--` ends options.
 * `valued` lists the flags that take a value; anything not in `known` is an error that names it.
 */
export function parseArgs(argv: string[], known: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { positional, flags, rest: argv.slice(i + 1), lists };
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = (eq > 0 ? a.slice(0, eq) : a).replace(/^-+/, '');
    if (!known.includes(name) && !valued.includes(name)) throw new CliError(`unknown option: ${a}`);
    if (valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new CliError(`option --${name} needs a value`);
      flags.set(name, v);
      lists.set(name, [...(lists.get(name) ?? []), v]);
    } else {
      flags.set(name, true);
    }
  }
  return { positional, flags, rest: [], lists };
}
