// Who a development run is, so that what it writes into the bind-mounted project is the caller's:
// the container runs as the caller's UID:GID (`docker run --user`), whatever UID the image was built
// for. Pure: the caller's ids come in from process.getuid()/getgid() (undefined on Windows).

/** The host user starting the run. */
export interface Caller {
  uid: number;
  gid: number;
}

export interface RunAs {
  /** `uid:gid` for the create body's User; undefined: the image's own USER. */
  user?: string;
  /** Env entries to put before the user's own (theirs win): HOME when the image's home is not ours. */
  env: string[];
  /** Root: Jupyter refuses to start as root without --allow-root. */
  root: boolean;
}

/**
 * The user a mounted run runs as. The image's USER is kept when nothing is mounted (no host file is
 * written) or the caller is unknown. Otherwise the caller's UID:GID: a UID the image has no passwd line
 * for gets HOME=/ from Docker, which it cannot write (Jupyter's runtime files, matplotlib's cache), so
 * HOME is /tmp unless the image's USER is that very UID (its home is then the caller's). Root stays root
 * (files a root caller writes are root's on the host too).
 */
export function runAs(caller: Caller | undefined, imageUser: string, mounted: boolean): RunAs {
  if (!mounted || !caller || !Number.isInteger(caller.uid) || caller.uid < 0) return { env: [], root: false };
  const user = `${caller.uid}:${caller.gid}`;
  if (caller.uid === 0) return { user, env: [], root: true };
  const imageUid = /^\d+/.exec(imageUser.trim())?.[0];
  return { user, env: imageUid === String(caller.uid) ? [] : ['HOME=/tmp'], root: false };
}

/** Jupyter's flag to start as root (both the Server and the classic Notebook accept it). */
export const jupyterAllowRoot = '--allow-root';
