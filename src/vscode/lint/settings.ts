import { section } from '../platform/config';

/** `dsContainers.lint.enable`, read fresh. */
export function lintEnabled(): boolean {
  return section().get<boolean>('lint.enable', true);
}

/** `dsContainers.lint.rules`: per-code severity or 'off'. */
export function ruleSeverities(): Record<string, string> {
  const v = section().get<unknown>('lint.rules', {});
  return v && typeof v === 'object' ? (v as Record<string, string>) : {};
}
