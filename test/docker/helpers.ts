// Shared by the build/run docker tests: fixture copies with unique names, the engine and the images a
// file builds (removed after it), a captured CLI io, and a TCP → unix-socket proxy that stands in for a second engine (and can be cut mid-build).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { after } from 'node:test';
import { CliIo } from '../../src/cli/io';
import { Engine } from '../../src/node/docker/engine';
import { resolveEndpoint } from '../../src/node/docker/endpoint';

export const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures');
const made: string[] = [];

/** Copies a fixture project to a temp folder named dsc-test-build-NAME-RAND (so its default tag is unique). */
export function copyProject(from: string, name = path.basename(from)): string {
  const dir = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-')),
    `dsc-test-build-${name}-${Math.random().toString(36).slice(2, 7)}`,
  );
  fs.cpSync(from, dir, { recursive: true });
  made.push(dir);
  return dir;
}

export function tagOf(dir: string): string {
  return `${path.basename(dir)}:latest`;
}

export function cleanupDirs(): void {
  for (const d of made) fs.rmSync(path.dirname(d), { recursive: true, force: true });
}

/** Removes the containers our runs made for a project folder: a development run keeps its container when it ends. */
export function removeContainersOf(dir: string): void {
  const ps = spawnSync('docker', ['ps', '-aq', '--filter', `label=dsContainers.project=${dir}`], { encoding: 'utf8' });
  const ids = (ps.stdout ?? '').split('\n').filter(Boolean);
  if (ids.length) spawnSync('docker', ['rm', '-f', ...ids]);
}

/**
 * The engine a test file builds with, and the images it builds: after the file they are removed (with
 * the dangling layers that earlier builds of the same tags left) and the fixture copies are deleted.
 */
export function buildingEngine(timeoutMs = 30000) {
  const engine = new Engine(resolveEndpoint({ env: process.env }), timeoutMs);
  const tags: string[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) removeContainersOf(d);
    for (const t of tags) await engine.removeBuiltImage(t).catch(() => undefined);
    await engine.pruneDanglingImages(['dsContainers.project']).catch(() => undefined);
    cleanupDirs();
  });
  /** Removes the image `tag` after the file. */
  const track = (tag: string): string => {
    tags.push(tag);
    return tag;
  };
  /** A copy of a fixture project (copyProject) whose default tag is removed after the file. */
  const copy = (from: string, name?: string): { dir: string; tag: string } => {
    const dir = copyProject(from, name);
    dirs.push(dir);
    return { dir, tag: track(tagOf(dir)) };
  };
  return { engine, track, copy };
}

export type CapturedIo = CliIo & { stdout: string[]; stderr: string[]; abort: () => void };

export function captureIo(env: NodeJS.ProcessEnv = process.env, onOut?: (line: string) => void): CapturedIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const ac = new AbortController();
  return {
    stdout,
    stderr,
    cwd: os.tmpdir(),
    env,
    signal: ac.signal,
    abort: () => ac.abort(),
    out: (l) => {
      stdout.push(l);
      onOut?.(l);
    },
    err: (l) => stderr.push(l),
  };
}

/** A TCP listener on 127.0.0.1 that pipes every connection to the engine's unix socket. */
export class SocketProxy {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  connections = 0;

  constructor(socketPath = '/var/run/docker.sock') {
    this.server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(socketPath);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The engine "goes away": every open connection is cut and no new one is accepted. */
  cut(): void {
    this.server.close();
    for (const s of this.sockets) s.destroy();
  }
}
