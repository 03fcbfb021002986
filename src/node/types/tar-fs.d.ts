// The part of tar-fs 2 we use (it ships no types).
declare module 'tar-fs' {
  import { Readable, Writable } from 'stream';
  export function pack(cwd: string, opts?: { entries?: string[] }): Readable;
  export function extract(
    cwd: string,
    opts?: { ignore?: (name: string, header?: { type?: string; name: string }) => boolean; chown?: boolean },
  ): Writable;
}
