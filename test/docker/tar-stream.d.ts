// The part of tar-stream 2 the tests use to read a build context back (it ships no types).
declare module 'tar-stream' {
  import { Writable, Readable } from 'stream';
  export function extract(): Writable & {
    on(e: 'entry', fn: (header: { name: string }, stream: Readable, next: () => void) => void): void;
    on(e: string, fn: (...a: unknown[]) => void): void;
  };
}
