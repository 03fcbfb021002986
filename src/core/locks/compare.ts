import { normalizeName } from '../requirements/names';
import { LockedPackage } from './types';

export interface LockComparison {
  /** A version differs or the lock's package is absent: the image does not equal the lock. */
  errors: string[];
  /** In the image, not in the lock (the base image's own packages are usually here): told, not failed. */
  extra: string[];
}

/** The image's distributions against the project's lock, by normalized name. */
export function compareImageWithLock(
  lock: readonly LockedPackage[],
  image: readonly { name: string; version: string }[],
): LockComparison {
  const have = new Map(image.map((d) => [normalizeName(d.name), d]));
  const errors: string[] = [];
  const locked = new Set<string>();
  for (const p of lock) {
    const key = normalizeName(p.name);
    locked.add(key);
    const d = have.get(key);
    if (!d) errors.push(`${p.name}==${p.version} is locked but not installed in the image`);
    else if (d.version !== p.version) errors.push(`${p.name}: the image has ${d.version}, the lock says ${p.version}`);
  }
  const extra = image.filter((d) => !locked.has(normalizeName(d.name))).map((d) => `${d.name}==${d.version}`);
  return { errors, extra };
}
