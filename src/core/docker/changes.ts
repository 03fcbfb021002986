// `docker diff` as data, and what removing a container would lose: the files under its working
// directory that differ from its image (a notebook edited in a Jupyter that was not mounted).

export interface FileChange {
  path: string;
  kind: 'changed' | 'added' | 'deleted';
}

const KINDS: FileChange['kind'][] = ['changed', 'added', 'deleted'];

/** The engine's /containers/{id}/changes answer (Kind 0 changed, 1 added, 2 deleted; null when none). */
export function changesFromEngine(raw: unknown): FileChange[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((c): c is { Path: string; Kind: number } => !!c && typeof c.Path === 'string')
    .map((c) => ({ path: c.Path, kind: KINDS[c.Kind] ?? 'changed' }));
}

const under = (p: string, dir: string) => dir === '/' || p === dir || p.startsWith(dir.replace(/\/$/, '') + '/');

/**
 * The files removal would lose: added or changed entries under the working directory, not under
 * a mount (those live outside the container), leaves only (a changed folder is implied by its
 * files). Deletions lose nothing that is not in the image. Sorted.
 */
export function lostOnRemove(
  changes: readonly FileChange[],
  workdir: string,
  mounts: readonly string[] = [],
): string[] {
  const kept = changes.filter(
    (c) =>
      c.kind !== 'deleted' && under(c.path, workdir) && c.path !== workdir && !mounts.some((m) => under(c.path, m)),
  );
  const paths = kept.map((c) => c.path);
  return paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(p + '/'))).sort();
}

/** "3 files in /app differ from the image: a.ipynb, .ipynb_checkpoints/a-checkpoint.ipynb, …" */
export function describeLoss(paths: readonly string[], workdir: string, max = 4): string {
  const rel = paths.map((p) => (workdir === '/' ? p : p.slice(workdir.replace(/\/$/, '').length + 1)));
  const shown = rel.slice(0, max).join(', ') + (rel.length > max ? `, and ${rel.length - max} more` : '');
  const one = paths.length === 1;
  return `${paths.length} file${one ? '' : 's'} in ${workdir} differ${one ? 's' : ''} from the image: ${shown}`;
}
