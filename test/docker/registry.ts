// A real image registry for docker-tier tests: Debian's `docker-registry` (CNCF distribution) on
// 127.0.0.1, filesystem storage in a temp folder, optional htpasswd (bcrypt) auth. The engine
// treats 127.0.0.0/8 registries as insecure-allowed, so push and pull over HTTP need no daemon config.
// With `token`, the registry delegates auth to a token server of ours (tokenServer.ts): Bearer tokens,
// as Docker Hub, GHCR and Harbor do. Installed by scripts/setup.sh (docker-registry, apache2-utils, openssl).
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { startTokenServer, TokenServer } from './tokenServer';

export interface RegistryOptions {
  /** Basic auth with one user (htpasswd -B); without it the registry accepts anyone. */
  auth?: { user: string; password: string };
  /** Token auth instead of htpasswd (needs `auth`): the user may push only under these prefixes. */
  token?: { pushPrefixes: string[] };
}

export interface Registry {
  /** `127.0.0.1:PORT`, to prefix image names with. */
  host: string;
  /** The token server, with token auth: what it was asked and granted. */
  tokens?: TokenServer;
  /** Stops the registry and removes its storage. */
  stop(): Promise<void>;
}

/** Whether the registry binary is installed (tests skip with a clear line when it is not). */
export function registryAvailable(): boolean {
  try {
    execFileSync('docker-registry', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function answers(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${log().slice(-500)}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not listen on 127.0.0.1:${port}: ${log().slice(-500)}`);
}

/** Starts a registry on a free port of 127.0.0.1; resolves once it accepts connections. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<Registry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-registry-'));
  const port = await freePort();
  const config = [
    'version: 0.1',
    'log:',
    '  level: warn',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  let tokens: TokenServer | undefined;
  if (opts.auth && opts.token) {
    const service = 'dsc-test-registry';
    const issuer = 'dsc-test-token-issuer';
    tokens = await startTokenServer(dir, { ...opts.auth, service, issuer, pushPrefixes: opts.token.pushPrefixes });
    config.push(
      'auth:',
      '  token:',
      `    realm: ${tokens.realm}`,
      `    service: ${service}`,
      `    issuer: ${issuer}`,
      `    rootcertbundle: ${tokens.certFile}`,
    );
  } else if (opts.auth) {
    const htpasswd = path.join(dir, 'htpasswd');
    // -i reads the password from stdin: it never appears in a process list.
    const line = execFileSync('htpasswd', ['-niB', opts.auth.user], { input: opts.auth.password }).toString().trim();
    fs.writeFileSync(htpasswd, line + '\n');
    config.push('auth:', '  htpasswd:', '    realm: dsc-test', `    path: ${htpasswd}`);
  }
  fs.writeFileSync(path.join(dir, 'config.yml'), config.join('\n') + '\n');
  let output = '';
  const child = spawn('docker-registry', ['serve', path.join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await tokens?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await answers(port, child, () => output);
  } catch (e) {
    await stop();
    throw e;
  }
  return { host: `127.0.0.1:${port}`, tokens, stop };
}
