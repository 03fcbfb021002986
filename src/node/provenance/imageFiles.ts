// Reads files of an image without running it: a container is created (never started), the engine's
// archive endpoint answers each path as a tar, and the container goes. Images without a shell work too.
import * as path from 'path';
import { Engine } from '../docker/engine';
import { readTar } from '../../core/provenance/tar';

/** Runs `fn` with a created, never started container of `ref`, removed afterwards. */
export async function withIdleContainer<T>(
  engine: Engine,
  ref: string,
  labels: Record<string, string>,
  fn: (id: string) => Promise<T>,
): Promise<T> {
  const id = await engine.createIdle(ref, { 'dsContainers.probe': ref, ...labels });
  try {
    return await fn(id);
  } finally {
    await engine.removeContainer(id, true).catch(() => undefined);
  }
}

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
  return Buffer.concat(chunks);
}

/** One file's text in the container `id`, symlinks followed (up to 8); undefined when it is not there. */
export async function readContainerFile(engine: Engine, id: string, file: string): Promise<string | undefined> {
  let at = file;
  for (let hops = 0; hops < 8; hops++) {
    let bytes: Uint8Array;
    try {
      bytes = await bytesOf(await engine.archive(id, at));
    } catch (e) {
      if (/no such file|not found|404/i.test(String((e as Error).message))) return undefined;
      throw e;
    }
    const entry = readTar(bytes)[0];
    if (!entry) return undefined;
    if (entry.type === '2') {
      at = path.posix.resolve(path.posix.dirname(at), entry.linkname);
      continue;
    }
    return entry.type === '0' || entry.type === '' ? new TextDecoder().decode(entry.data) : undefined;
  }
  return undefined;
}
