import { Anchor } from '../types';

/** Docker's build check `id`, documented at docs.docker.com/reference/build-checks/<slug>/. */
export function buildCheck(id: string): Anchor {
  const slug = id
    .replace(/^JSON/, 'Json')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
  return { tool: 'Docker', id, url: `https://docs.docker.com/reference/build-checks/${slug}/` };
}

/** hadolint's rule `id` (DL3003, …). */
export function hadolint(id: string): Anchor {
  return { tool: 'hadolint', id, url: `https://github.com/hadolint/hadolint/wiki/${id}` };
}
