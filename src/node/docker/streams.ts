// Helpers over the engine's raw streams (no dockerode here: engine.ts hands them the streams).
import { StringDecoder } from 'string_decoder';
import type { Readable } from 'stream';
import { Demuxer } from '../../core/docker/demux';
import { TtySession } from '../../core/docker/types';

type Which = 'stdout' | 'stderr';

/** Resolves when a stream ends or closes, or at once when signal aborts (destroying the stream). */
export function endOf(stream: NodeJS.ReadableStream, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const destroy = () => (stream as unknown as { destroy?: () => void }).destroy?.();
    const onAbort = () => {
      destroy();
      resolve();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (e?: Error) => {
      signal?.removeEventListener('abort', onAbort);
      if (e && !signal?.aborted) reject(e);
      else resolve();
    };
    stream.once('end', () => done());
    stream.once('close', () => done());
    stream.once('error', (e: Error) => done(e));
  });
}

/**
 * A container's output stream (attach or logs) to frames: as it is with a TTY (one stream), else
 * split by our Demuxer (the engine multiplexes stdout and stderr with 8-byte headers).
 */
export function readOutput(
  stream: NodeJS.ReadableStream,
  tty: boolean,
  onFrame: (stream: Which, data: Uint8Array) => void,
): void {
  if (tty) stream.on('data', (d: Buffer) => onFrame('stdout', d));
  else {
    const dm = new Demuxer(onFrame);
    stream.on('data', (d: Buffer) => dm.push(d));
  }
}

/** Frames to text, one UTF-8 decoder per stream (a character may span two frames). */
export function framesToText(onText: (text: string, stream: Which) => void): (stream: Which, data: Uint8Array) => void {
  const decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  return (which, data) => {
    const t = decoders[which].write(Buffer.from(data));
    if (t) onText(t, which);
  };
}

/**
 * Newline-delimited JSON (the events and build streams): each complete line parsed and passed on;
 * a line that is not JSON goes to onBadLine (skipped when absent). Returns a function that flushes
 * the last line when the stream ends without a newline.
 */
export function readJsonLines(
  stream: NodeJS.ReadableStream | Readable,
  onMessage: (m: Record<string, unknown>) => void,
  onBadLine?: (line: string) => void,
): () => void {
  let buf = '';
  const take = (line: string) => {
    if (!line) return;
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(line);
    } catch {
      onBadLine?.(line);
      return;
    }
    if (m && typeof m === 'object') onMessage(m);
    else onBadLine?.(line);
  };
  stream.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      take(line);
    }
  });
  return () => {
    const rest = buf.trim();
    buf = '';
    if (rest) {
      try {
        onMessage(JSON.parse(rest));
      } catch {
        /* a partial last line */
      }
    }
  };
}

/** A TtySession over a hijacked engine stream (raw bytes both ways, as with a TTY). */
export function ttySession(
  stream: NodeJS.ReadWriteStream,
  resize: (cols: number, rows: number) => Promise<unknown>,
  exitCode: () => Promise<number | undefined>,
): TtySession {
  const decoder = new StringDecoder('utf8');
  const exits: ((code?: number) => void)[] = [];
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    exitCode()
      .catch(() => undefined)
      .then((code) => exits.forEach((cb) => cb(code)));
  };
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);
  return {
    onData: (cb) =>
      stream.on('data', (b: Buffer) => {
        const t = decoder.write(b);
        if (t) cb(t);
      }),
    onExit: (cb) => void exits.push(cb),
    write: (data) => {
      if (!ended) stream.write(data);
    },
    resize: (cols, rows) => void resize(cols, rows).catch(() => undefined),
    close: () => {
      (stream as unknown as { destroy?: () => void }).destroy?.();
      finish();
    },
  };
}

/**
 * Waits for `p` at most `ms`. The timer is cleared as soon as `p` settles: a pending timer would keep
 * a short CLI run alive for the whole wait after its container is gone.
 */
export async function atMost(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      p,
      new Promise<void>((r) => {
        timer = setTimeout(r, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
