// Whether requirements.lock still describes the project: not locked, locked (the image matches it),
// or drifted (the image, or requirements.txt, says otherwise). The Project view shows it; the reasons
// are the same sentences `check` prints.
import { parseRequirements } from '../requirements/parse';
import { normalizeName } from '../requirements/names';
import { compareLock, parseLock } from './lockfile';
import { LOCK_FILE } from '../projectFiles';

export type LockStateKind = 'none' | 'locked' | 'drifted';

export interface LockState {
  kind: LockStateKind;
  /** One line each: why it drifted (empty when locked or not locked). */
  reasons: string[];
  /** What the comparison could not see (the image is not built, Docker is away). */
  notes: string[];
  /** The tooltip: the state, why, and the action. */
  tooltip: string;
}

/** The image as the lock compares it; `dists` may be left out when the image id equals the lock's. */
export interface LockImage {
  ref: string;
  imageId: string;
  created: number;
  python?: string;
  dists?: readonly { name: string; version: string }[];
  problem?: string;
}

const MAX_REASONS = 8;

/** requirements.txt lines (0-based) that the lock contradicts: another exact pin, or a package the lock lacks. */
export function requirementsAgainstLock(
  requirementsText: string,
  lockText: string,
): { line: number; message: string }[] {
  const lock = parseLock(lockText);
  const locked = new Map(lock.entries.map((e) => [normalizeName(e.name), e.version]));
  const out: { line: number; message: string }[] = [];
  for (const l of parseRequirements(requirementsText).lines) {
    if (l.kind !== 'requirement' || !l.key || l.marker) continue;
    const v = locked.get(l.key);
    if (v === undefined) out.push({ line: l.line, message: `${l.name} is required but not in ${LOCK_FILE}` });
    else if (l.pinned && l.pinned !== v)
      out.push({ line: l.line, message: `${l.name}==${l.pinned} is pinned here, ${LOCK_FILE} says ${v}` });
  }
  return out;
}

/** The lock's state from its text, requirements.txt's text and the built image (each may be missing). */
export function lockState(input: { lockText?: string; requirementsText?: string; image?: LockImage }): LockState {
  const { lockText, requirementsText, image } = input;
  if (lockText === undefined) {
    return {
      kind: 'none',
      reasons: [],
      notes: [],
      tooltip:
        `Not locked: there is no ${LOCK_FILE}, so a rebuild may install other versions.\n` +
        `Lock Environment writes every installed version of the built image to ${LOCK_FILE}.`,
    };
  }
  const lock = parseLock(lockText);
  const reasons: string[] = [];
  const notes: string[] = [];
  const broken = lock.errors.map((e) => `${LOCK_FILE}:${e.line}: ${e.message}`);
  if (!image) {
    reasons.push(...broken);
    notes.push('the image is not built (or Docker is not reachable): only requirements.txt was compared');
  } else if (image.problem) reasons.push(`${image.ref}: ${image.problem}`, ...broken);
  else if (image.dists && image.python)
    reasons.push(
      ...compareLock(
        lock,
        { python: image.python, created: image.created, imageId: image.imageId, dists: image.dists },
        image.ref,
      ).map((d) => `${LOCK_FILE}:${d.line}: ${d.message}`),
    );
  else {
    reasons.push(...broken);
    if (image.imageId !== lock.header.imageId) notes.push(`${image.ref} is not the image the lock was written from`);
  }
  if (requirementsText !== undefined)
    reasons.push(
      ...requirementsAgainstLock(requirementsText, lockText).map((r) => `requirements.txt:${r.line + 1}: ${r.message}`),
    );
  const kind: LockStateKind = reasons.length ? 'drifted' : 'locked';
  const shown = reasons.slice(0, MAX_REASONS);
  if (reasons.length > shown.length) shown.push(`… and ${reasons.length - shown.length} more`);
  const head =
    kind === 'locked'
      ? image && image.imageId === lock.header.imageId
        ? `Locked: ${LOCK_FILE} was written from ${image.ref} (image ${image.imageId.slice(7, 19)}).`
        : `Locked: ${image?.ref ?? 'the image'} has exactly the versions in ${LOCK_FILE}.`
      : `Drifted: ${LOCK_FILE} no longer describes the project.`;
  const action =
    kind === 'locked'
      ? 'Check Image Imports compares the image with the lock again.'
      : `Lock Environment rewrites ${LOCK_FILE} from the built image; Check Image Imports marks each ` +
        'difference in the lock file.';
  return {
    kind,
    reasons,
    notes,
    tooltip: [head, ...shown, ...notes.map((n) => `(${n})`), action].join('\n'),
  };
}
