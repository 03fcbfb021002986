/** One pinned distribution of a lock file, whatever the format. */
export interface LockedPackage {
  name: string;
  version: string;
  /** "sha256:…" hashes the lock records for this version (any file), for `pip install --require-hashes`. */
  hashes: string[];
  /** conda-lock only: which installer the entry is for (conda packages are not pip's to install). */
  manager?: 'conda' | 'pip';
  /** conda-lock only: a conda package that depends on `python`, i.e. a Python distribution pip knows by name. */
  python?: boolean;
}

/** What a lock format reader gives: the packages, or a one-line reason naming the file. */
export type LockResult = { packages: LockedPackage[] } | { error: string };

/** TOML (or JSON) text to a plain object: passed in, so that core stays free of the parser's loading. */
export type ParseToml = (text: string) => Record<string, unknown>;

/** What requirements.txt is written from when the project has a lock (a field of the spec). */
export interface SpecLock {
  /** The lock's file name, relative to the project (uv.lock, poetry.lock, …). */
  file: string;
  packages: LockedPackage[];
  /** How the image installs it, for the header and the note ("pip: uv is not in the base image"). */
  installer: string;
  /** The Dockerfile runs `uv sync --locked` itself (uv.lock, a base image with uv); else pip installs the pins. */
  sync?: 'uv';
}
