// A real VS Code (code-server 4.100.3) and Debian's Chromium, for the editor tier and the E2E.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import http from 'node:http';
import os from 'node:os';

export const CACHE = process.env.DSC_CACHE || '/var/cache/ds-containers';
export const CODE_SERVER =
  process.env.CODE_SERVER_BIN || path.join(CACHE, 'code-server-4.100.3/node_modules/.bin/code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export function missing() {
  if (!fs.existsSync(CODE_SERVER))
    return `code-server not installed at ${CODE_SERVER} (run test/editor/setup-editor.sh)`;
  if (!fs.existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;
  return undefined;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

const get = (u) =>
  new Promise((r) =>
    http
      .get(u, (s) => {
        s.resume();
        r(s.statusCode);
      })
      .on('error', () => r(0)),
  );
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh run folder with user data, extensions and XDG dirs, so nothing lands in $HOME. */
export function runDir(prefix, { trusted = true } = {}) {
  const base = path.join(process.env.DSC_EDITOR_WORK || path.join(os.tmpdir(), 'dsc-editor'));
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, prefix));
  const d = { dir, ud: path.join(dir, 'ud'), exts: path.join(dir, 'exts'), ws: path.join(dir, 'ws') };
  for (const p of [d.ud, d.exts, d.ws, path.join(d.ud, 'User')]) fs.mkdirSync(p, { recursive: true });
  fs.writeFileSync(
    path.join(d.ud, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        // an untrusted run keeps workspace trust on, so the folder opens in restricted mode
        'security.workspace.trust.enabled': !trusted,
        'security.workspace.trust.startupPrompt': 'never',
        'workbench.enableExperiments': false,
      },
      null,
      1,
    ),
  );
  d.trusted = trusted;
  d.env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'xc'),
    XDG_DATA_HOME: path.join(dir, 'xd'),
    XDG_CACHE_HOME: path.join(dir, 'xk'),
  };
  return d;
}

export function csArgs(d) {
  return ['--user-data-dir', d.ud, '--extensions-dir', d.exts];
}

export function sh(argv, env) {
  return new Promise((res, rej) => {
    const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    p.stdout.on('data', (x) => (out += x));
    p.stderr.on('data', (x) => (out += x));
    p.on('close', (c) => (c === 0 ? res(out) : rej(new Error(`${argv[0]} exited ${c}: ${out.slice(-2000)}`))));
  });
}

/** Starts code-server on a free loopback port; resolves once /healthz answers. */
export async function startCodeServer(d, extraEnv = {}) {
  const port = await freePort();
  const server = spawn(
    CODE_SERVER,
    [
      ...csArgs(d),
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(d.trusted === false ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      d.ws,
    ],
    { env: { ...d.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logFile = path.join(d.dir, 'code-server.log');
  const log = fs.createWriteStream(logFile);
  server.stdout.pipe(log);
  server.stderr.pipe(log);
  for (let i = 0; i < 600; i++) {
    if ((await get(`http://127.0.0.1:${port}/healthz`)) === 200) break;
    if (server.exitCode !== null) throw new Error(`code-server exited ${server.exitCode}; see ${logFile}`);
    await sleep(100);
  }
  return { port, url: `http://127.0.0.1:${port}`, logFile, stop: () => server.kill('SIGTERM') };
}

export async function launchChromium(profileDir) {
  const pw = await import('playwright-core');
  return pw.chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Races a promise against a timer that never keeps the process alive. */
export function within(ms, p, what) {
  return Promise.race([
    p,
    new Promise((_, rej) => setTimeout(() => rej(new Error(`timed out after ${ms} ms: ${what}`)), ms).unref()),
  ]);
}
