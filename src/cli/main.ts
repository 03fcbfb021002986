import { CliError, CliIo } from './io';
import { commands } from './commands';
import { commandHelp, overview } from './help';
import { version } from '../../package.json';
import { trace } from '../node/trace';

/** Runs one CLI invocation; resolves to the exit code. Never throws: failures become one line. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview(commands));
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.out(version);
    return 0;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.err(`ds-containers: unknown command "${name}" (see ds-containers --help)`);
    return 2;
  }
  // Only our own flags ask for help: after a bare `--` the arguments belong to the script.
  const ours = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (ours.includes('--help') || ours.includes('-h')) {
    io.out(commandHelp(cmd));
    return 0;
  }
  trace(`${name}: command loaded`);
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`ds-containers ${name}: ${e.message}`);
      return e.exitCode;
    }
    // An unexpected failure is still one line; DSC_DEBUG=1 shows the stack for bug reports.
    io.err(`ds-containers ${name}: ${e instanceof Error ? e.message : String(e)}`);
    if (io.env.DSC_DEBUG) io.err(String(e instanceof Error ? e.stack : e));
    return 1;
  }
}

if (require.main === module) {
  const ac = new AbortController();
  process.on('SIGINT', () => ac.abort('SIGINT'));
  process.on('SIGTERM', () => ac.abort('SIGTERM'));
  const io: CliIo = {
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
    cwd: process.cwd(),
    env: process.env,
    signal: ac.signal,
    stdin: process.stdin,
  };
  process.on('exit', () => trace('exit'));
  main(process.argv.slice(2), io).then((code) => {
    trace('main resolved');
    process.exitCode = code;
  });
}
