// Why a run ended badly, in one line: the exit code and the last thing the program said on stderr,
// with what to do for the usual causes (an entry that wants arguments, a killed container).

/** Python's last error line (`KeyError: 'x'`) among the stderr lines, else the last non-empty one. */
export function lastErrorLine(stderr: readonly string[]): string | undefined {
  const lines = stderr.map((l) => l.trim()).filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^([A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)|error):?\s/.test(lines[i])) return lines[i];
    if (/^\w+: error: /.test(lines[i])) return lines[i]; // argparse: "train.py: error: …"
  }
  return lines[lines.length - 1];
}

/**
 * The line the CLI prints after a run that exited non-zero. `dir` is the project as a shell takes it
 * (quoted), for the command it suggests.
 */
export function exitReason(mode: string, code: number, stderr: readonly string[], dir: string): string {
  const last = lastErrorLine(stderr);
  const what = mode === 'script' ? 'the script' : 'the server';
  const head = `${what} exited with code ${code}`;
  const argv = stderr.find((l) => /error: (the following arguments are required|too few arguments)/.test(l));
  if (argv) {
    const needs = /required: (.*)$/.exec(argv)?.[1]?.trim();
    return (
      `${head}: its entry needs command-line arguments${needs ? ` (${needs})` : ''}; ` +
      `pass them after --: ds-containers run ${dir} -- ARGS (or choose another entry: --entry FILE)`
    );
  }
  if (code === 137)
    return `${head}: killed (SIGKILL: out of memory, or stopped from outside)${last ? `; last: ${last}` : ''}`;
  if (code === 127 || code === 126) return `${head}: its command could not be run${last ? `: ${last}` : ''}`;
  return last ? `${head}: ${last}` : `${head} (it printed nothing on stderr)`;
}
