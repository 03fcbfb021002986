/** Which Compose the machine has: the v2 plugin (`docker compose`) or the v1 binary. */
export type ComposeFlavor = { kind: 'v2'; docker: string } | { kind: 'v1'; binary: string };

export interface ComposeTarget {
  /** The compose file (absolute or relative to cwd). */
  file: string;
  /** Compose project name; defaults to the folder name in Compose itself. */
  project?: string;
}

/** The program and argv prefix for a flavor: ["docker", "compose"] or ["docker-compose"]. */
export function composeBase(flavor: ComposeFlavor): string[] {
  return flavor.kind === 'v2' ? [flavor.docker, 'compose'] : [flavor.binary];
}

function target(t: ComposeTarget): string[] {
  return [...(t.project ? ['-p', t.project] : []), '-f', t.file];
}

/** `up --build -d`: build what needs building and start in the background. */
export function composeUpArgv(flavor: ComposeFlavor, t: ComposeTarget): string[] {
  return [...composeBase(flavor), ...target(t), 'up', '--build', '-d'];
}

export function composeDownArgv(flavor: ComposeFlavor, t: ComposeTarget): string[] {
  return [...composeBase(flavor), ...target(t), 'down'];
}

export function composeLogsArgv(flavor: ComposeFlavor, t: ComposeTarget, follow = true): string[] {
  return [...composeBase(flavor), ...target(t), 'logs', ...(follow ? ['-f'] : [])];
}
