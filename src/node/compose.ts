import { execFile, spawn } from 'child_process';
import { ComposeFlavor } from '../core/docker/compose';

/**
 * `docker compose` (v2) when the plugin answers, else `docker-compose` (v1); undefined if neither. Asynchronous:
 * the editor calls it from its extension host, which a blocking probe (up to 10 s each) would freeze.
 */
export async function detectCompose(env: NodeJS.ProcessEnv = process.env): Promise<ComposeFlavor | undefined> {
  const ok = (cmd: string, args: string[]) =>
    new Promise<boolean>((resolve) => execFile(cmd, args, { env, timeout: 10000 }, (error) => resolve(!error)));
  if (await ok('docker', ['compose', 'version'])) return { kind: 'v2', docker: 'docker' };
  if (await ok('docker-compose', ['version'])) return { kind: 'v1', binary: 'docker-compose' };
  return undefined;
}

/** Runs one compose argv (never a shell string); output lines go to the callbacks. */
export function runCompose(
  argv: string[],
  o: { cwd: string; env?: NodeJS.ProcessEnv; onLine: (line: string) => void; signal?: AbortSignal },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0], argv.slice(1), { cwd: o.cwd, env: o.env ?? process.env, signal: o.signal });
    let buf = '';
    const take = (d: Buffer) => {
      buf += d.toString('utf8');
      const lines = buf.split(/\r?\n/);
      buf = lines.pop() ?? '';
      for (const l of lines) o.onLine(l);
    };
    p.stdout.on('data', take);
    p.stderr.on('data', take);
    p.on('error', reject);
    p.on('close', (code) => {
      if (buf) o.onLine(buf);
      resolve(code ?? 1);
    });
  });
}

/**
 * The environment a compose run of ours adds: the caller's UID, which the generated compose.yaml passes as
 * the image's build argument (`${UID:-1000}`), so files written in its bind mount are the caller's. Shells
 * do not export UID. Root gets the default: an image built for UID 0 would run Jupyter as root, which it refuses.
 */
export function composeUserEnv(uid = process.getuid?.()): Record<string, string> {
  return uid === undefined || uid === 0 ? {} : { UID: String(uid) };
}
