import { CliError } from './io';

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  /** Everything after a bare `--`. */
  rest: string[];
}

/**
 * Small GNU-style parser: `--flag`, `--flag value`, `--flag=value`, `--` ends options.
 * `valued` lists the flags that take a value; anything not in `known` is an error that names it.
 */
export function parseArgs(argv: string[], known: readonly string[], valued: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return { positional, flags, rest: argv.slice(i + 1) };
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
    } else {
      flags.set(name, true);
    }
  }
  return { positional, flags, rest: [] };
}
