/**
 * Splits Docker's multiplexed log stream (8-byte headers: stream type, 3 zero bytes, big-endian
 * length) into stdout and stderr. Feed chunks as they arrive; partial frames wait for the rest.
 */
export class Demuxer {
  private pending = new Uint8Array(0);

  constructor(private readonly onFrame: (stream: 'stdout' | 'stderr', data: Uint8Array) => void) {}

  push(chunk: Uint8Array): void {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    let pos = 0;
    while (buf.length - pos >= 8) {
      const len = ((buf[pos + 4] << 24) >>> 0) + (buf[pos + 5] << 16) + (buf[pos + 6] << 8) + buf[pos + 7];
      if (buf.length - pos - 8 < len) break;
      this.onFrame(buf[pos] === 2 ? 'stderr' : 'stdout', buf.subarray(pos + 8, pos + 8 + len));
      pos += 8 + len;
    }
    this.pending = buf.slice(pos);
  }
}
