// The part of tar-fs 2 we use (it ships no types).
declare module 'tar-fs' {
  import { Readable } from 'stream';
  export function pack(cwd: string, opts?: { entries?: string[] }): Readable;
}
