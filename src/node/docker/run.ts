import * as path from 'path';
import { promises as fs } from 'fs';
import * as http from 'http';
import { missingEnvHint, parseEnvFile } from '../../core/docker/envFile';
import { Engine, isPortTaken } from './engine';
import { atMost } from './streams';
import { trace } from '../trace';
import { findJupyterUrl, JupyterUrl, stableHostPort } from '../../core/docker/jupyter';
import { RunSpec } from '../../core/docker/types';
import type { ProjectMode } from '../../core/project';
import { dataMountPaths } from '../dataFiles';
import { Caller, jupyterAllowRoot, runAs } from '../../core/docker/runUser';
import { writtenSince } from '../written';
import { movedPortLines, rewriteToHostPorts } from '../../core/docker/movedPorts';

/**
 * The data the image lacks (data folders, files above the threshold), mounted read-only where the code expects
 * it (WORKDIR/data…), for runs without the project mount.
 */
async function dataMounts(dir: string, workdir: string, thresholdMB?: number) {
  const paths = await dataMountPaths(dir, thresholdMB);
  return paths.map((p) => ({ host: path.join(path.resolve(dir), p), container: path.posix.join(workdir, p) }));
}

export interface RunRequest {
  dir: string;
  tag: string;
  /** Appended to the image's command (script arguments). */
  args?: string[];
  /**
   * Bind-mount the project folder at the image's working directory, so that what the container
   * writes there (a notebook saved in Jupyter, a script's results/, an app's saved model) is on disk.
   * Default: yes, for every mode (as the generated compose.yaml does); false runs the image's own copy.
   */
  mount?: boolean;
  /**
   * Who the mounted run is: default this process's UID:GID (none on Windows), so that what it writes is
   * the caller's; null keeps the image's USER.
   */
  caller?: Caller | null;
  /**
   * Jupyter only: the base URL to serve under for a host port (a remote editor's proxy path), or
   * undefined for none. The host port is then fixed before start: stable per project.
   */
  jupyterBaseUrl?: (hostPort: number) => Promise<string | undefined>;
  /** Files above this size are not in the image (default 50 MB): a run without the project mount mounts them. */
  dataThresholdMB?: number;
  /** Env files (relative to dir) passed to the container; default `.env` when it exists. Read at each run. */
  envFiles?: string[];
  /** One-line notes for the user (an env file's bad line, a missing .env). */
  onNote?: (line: string) => void;
  /** An app's published ports, told once its server answers HTTP (never when it dies first). */
  onReady?: (hostPorts: Map<number, number>) => void;
  signal?: AbortSignal;
  onOutput: (stream: 'stdout' | 'stderr', text: string) => void;
  /** Told once when a Jupyter server prints its URL (rewritten to the host port). */
  onJupyter?: (url: JupyterUrl) => void;
  /** Told the container id right after start. */
  onStarted?: (id: string, hostPorts: Map<number, number>) => void;
}

/** How an image runs: the project's mode, read back from the image. */
export type RunMode = ProjectMode;

/** How to run an image: its own label from our generator, else its command and exposed ports. */
export function runModeOf(cfg: {
  cmd: string[];
  entrypoint: string[];
  exposed: number[];
  labels: Record<string, string>;
}): RunMode {
  const label = cfg.labels['dsContainers.mode'];
  if (label === 'script' || label === 'jupyter' || label === 'app') return label;
  if ([...cfg.entrypoint, ...cfg.cmd].some((a) => /jupyter/.test(a)) || cfg.exposed.includes(8888)) return 'jupyter';
  return cfg.exposed.length ? 'app' : 'script';
}

/** Labels that tie a container to its project (the explorer groups by them). */
export function runLabels(dir: string, tag: string, mode: RunMode): Record<string, string> {
  return { 'dsContainers.project': path.resolve(dir), 'dsContainers.image': tag, 'dsContainers.mode': mode };
}

/**
 * Runs the built image: a script streams its output and resolves to the container's exit code
 * (the container removes itself); a server (Jupyter, app) runs until the signal aborts. When the
 * signal aborts, the container is stopped and removed, and the result says `stopped` (exitCode 0:
 * callers that report an exit status, like the CLI, turn `stopped` into their own, e.g. 130).
 */
export async function runProject(
  engine: Engine,
  req: RunRequest,
): Promise<{
  exitCode: number;
  stopped: boolean;
  mode: RunMode;
  id: string;
  /** The mounted project's files written during the run (relative); undefined when nothing was mounted. */
  written?: { files: string[]; truncated: boolean };
}> {
  trace('run: start');
  const [cfg, env] = await Promise.all([engine.imageRunConfig(req.tag), readEnvFiles(req)]);
  const mode = runModeOf(cfg);
  trace('run: image inspected');
  const workdir = cfg.workdir || '/app';
  const mounted = req.mount ?? true;
  const who = runAs(req.caller === undefined ? processCaller() : (req.caller ?? undefined), cfg.user, mounted);
  const imageCmd = req.args?.length ? [...cfg.cmd, ...req.args] : undefined;
  // Jupyter refuses root without this flag; a root caller's run is root so that its files are the caller's.
  const rootJupyter = who.root && [...cfg.entrypoint, ...cfg.cmd].some((a) => /jupyter/.test(a));
  const spec: RunSpec = {
    image: req.tag,
    name: `${req.tag.replace(/[:/]/g, '-')}-${Date.now().toString(36)}`.replace(/^[^a-zA-Z0-9]+/, ''),
    ports: mode === 'script' ? [] : cfg.exposed,
    autoRemove: mode === 'script',
    labels: runLabels(req.dir, req.tag, mode),
    cmd: rootJupyter ? [...(imageCmd ?? cfg.cmd), jupyterAllowRoot] : imageCmd,
    mount: mounted ? { host: path.resolve(req.dir), container: workdir } : undefined,
    env: who.env.length || env.length ? [...who.env, ...env] : undefined,
    user: who.user,
  };
  if (!spec.mount) spec.readOnlyMounts = await dataMounts(req.dir, workdir, req.dataThresholdMB);
  let seen = '';
  let found = false;
  const known: { ports?: Map<number, number> } = {}; // host ports are known once started: output may come first
  const look = () => {
    if (mode !== 'jupyter' || found || !known.ports) return;
    const url = findJupyterUrl(seen, (p) => known.ports?.get(p));
    if (url) {
      found = true;
      req.onJupyter?.(url);
    }
  };
  const decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  // When the host port differs from the container's, a server's own banner (…:8888/…) would point at
  // whatever else holds 8888 on the host: its URLs are rewritten to the port it is really published on.
  // An app's banner likewise ("Running on http://0.0.0.0:5000" while 5000 was taken on the host).
  const hostUrls = (text: string) => (mode === 'script' || !known.ports ? text : rewriteToHostPorts(text, known.ports));
  const onData = (stream: 'stdout' | 'stderr', data: Uint8Array) => {
    const text = decoder[stream].decode(data, { stream: true });
    req.onOutput(stream, hostUrls(text));
    if (mode === 'jupyter' && !found) {
      seen = (seen + text).slice(-4000);
      look();
    }
  };
  const startedAt = Date.now();
  const run =
    mode === 'jupyter' && cfg.exposed.length
      ? await startJupyter(engine, spec, cfg.cmd, req, onData)
      : await engine.startRun(spec, onData);
  known.ports = run.hostPorts;
  trace('run: started');
  if (mode === 'app') for (const line of movedPortLines(run.hostPorts)) req.onNote?.(line);
  req.onStarted?.(run.id, run.hostPorts);
  look();
  let exited = false;
  if (mode === 'app' && run.hostPorts.size && req.onReady) {
    const first = [...run.hostPorts.values()][0];
    void answersHttp(first, () => exited).then((ok) => {
      if (ok && !exited) req.onReady?.(run.hostPorts);
    });
  }
  void run.exit
    .finally(() => {
      exited = true;
    })
    .catch(() => undefined);
  const stop = () => void engine.stopRun(run.id).catch(() => undefined);
  if (req.signal?.aborted) stop();
  req.signal?.addEventListener('abort', stop, { once: true });
  try {
    const exitCode = await run.exit;
    trace('run: exited');
    await atMost(run.output, 2000);
    trace('run: output ended');
    const stopped = !!req.signal?.aborted;
    // Our stop (the terminal closed, Ctrl-C) removes the container; a server stopped from
    // elsewhere (the Containers view's Stop, `docker stop`) stays, stopped: Stop stops, Remove removes.
    if (stopped) await engine.stopRun(run.id);
    const written = mounted ? await writtenSince(path.resolve(req.dir), startedAt) : undefined;
    return { exitCode: stopped ? 0 : exitCode, stopped, mode, id: run.id, written };
  } finally {
    req.signal?.removeEventListener('abort', stop);
  }
}

/** This process's UID:GID; undefined where Node has none (Windows). */
export function processCaller(): Caller | undefined {
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  return uid === undefined || gid === undefined ? undefined : { uid, gid };
}

/**
 * Starts a Jupyter image on a host port that stays the same for the project (stableHostPort),
 * trying the next ones while they are taken; with a proxy base URL the port is part of the URL,
 * so it must be exactly the one asked for. Without one, Docker picks any port as a last resort.
 */
async function startJupyter(
  engine: Engine,
  spec: RunSpec,
  imageCmd: string[],
  req: RunRequest,
  onData: (stream: 'stdout' | 'stderr', data: Uint8Array) => void,
) {
  const port = spec.ports.includes(8888) ? 8888 : spec.ports[0];
  const first = stableHostPort(path.resolve(req.dir));
  const baseCmd = spec.cmd ?? imageCmd;
  for (let i = 0; i < 20; i++) {
    const host = first + i;
    const base = await req.jupyterBaseUrl?.(host);
    const attempt: RunSpec = {
      ...spec,
      hostPorts: { [port]: host },
      // ServerApp for Jupyter Server (Lab 3+, Notebook 7), NotebookApp for the classic Notebook (6 and older,
      // still in many images); each ignores the other's class.
      cmd: base ? [...baseCmd, `--ServerApp.base_url=${base}`, `--NotebookApp.base_url=${base}`] : spec.cmd,
    };
    try {
      return await engine.startRun(attempt, onData, { strictPorts: true });
    } catch (e) {
      if (!isPortTaken(e)) throw e;
    }
  }
  if (req.jupyterBaseUrl) throw new Error(`no free host port for Jupyter in ${first}–${first + 19}`);
  return engine.startRun(spec, onData);
}

/**
 * The KEY=value list of the run's env files, read now (so an edited or new .env counts at once).
 * Without a choice: `.env` when it exists, and the hint when only `.env.example` does.
 */
export async function readEnvFiles(req: Pick<RunRequest, 'dir' | 'envFiles' | 'onNote'>): Promise<string[]> {
  const exists = (f: string) =>
    fs.stat(path.join(req.dir, f)).then(
      (s) => s.isFile(),
      () => false,
    );
  let files = req.envFiles;
  if (!files) {
    const [env, example] = await Promise.all([exists('.env'), exists('.env.example')]);
    const hint = missingEnvHint([...(env ? ['.env'] : []), ...(example ? ['.env.example'] : [])]);
    if (hint) req.onNote?.(hint);
    files = env ? ['.env'] : [];
  }
  const vars: string[] = [];
  for (const f of files) {
    const text = await fs.readFile(path.resolve(req.dir, f), 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new Error(`cannot read env file ${f}: ${e.code ?? e.message}`);
    });
    const parsed = parseEnvFile(text);
    for (const p of parsed.problems) req.onNote?.(`${f}:${p.line}: warning: ${p.message} (ignored)`);
    vars.push(...parsed.vars);
  }
  return vars;
}

/** Polls http://127.0.0.1:PORT/ until any HTTP answer (true), the container is gone or a minute passes. */
async function answersHttp(port: number, gone: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 60_000;
  while (!gone() && Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const r = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (res) => {
        res.resume();
        resolve(true);
      });
      r.on('error', () => resolve(false));
      r.on('timeout', () => {
        r.destroy();
        resolve(false);
      });
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
