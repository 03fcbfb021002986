// The OCI annotations a build puts on the image (org.opencontainers.image.*): where the source is, which
// commit, which version and licence, what it is called. Pure: node/provenance/ociLabels.ts gathers the facts.

export const OCI = 'org.opencontainers.image';
export const OCI_CREATED = `${OCI}.created`;

export interface ProjectFacts {
  /** The project folder's name, the title when the project names none. */
  dirName: string;
  /** pyproject.toml, parsed. */
  pyproject?: Record<string, unknown>;
  /** LICENSE / LICENSE.txt / COPYING text, when there is one. */
  licenseText?: string;
  /** `git remote get-url origin` (or the first remote) and `git rev-parse HEAD`. */
  gitRemote?: string;
  gitHead?: string;
}

/**
 * The labels that describe the project, without `.created` (which the build adds: it must stay out of
 * the digest of the build's inputs, or an unchanged project would build every time).
 */
export function ociLabels(f: ProjectFacts): Record<string, string> {
  const project = (f.pyproject?.project ?? {}) as Record<string, unknown>;
  const poetry = ((f.pyproject?.tool as Record<string, unknown> | undefined)?.poetry ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const out: Record<string, string> = { [`${OCI}.title`]: str(project.name) ?? str(poetry.name) ?? f.dirName };
  const version = str(project.version) ?? str(poetry.version);
  if (version) out[`${OCI}.version`] = version;
  const description = str(project.description) ?? str(poetry.description);
  if (description) out[`${OCI}.description`] = description.split('\n')[0].slice(0, 200);
  const licenses = declaredLicense(project.license) ?? declaredLicense(poetry.license) ?? licenseOfText(f.licenseText);
  if (licenses) out[`${OCI}.licenses`] = licenses;
  const source = f.gitRemote ? sourceUrl(f.gitRemote) : undefined;
  if (source) out[`${OCI}.source`] = source;
  if (f.gitHead && /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(f.gitHead)) out[`${OCI}.revision`] = f.gitHead;
  return out;
}

/** PEP 639 `license = "MIT"`, the older `license = { text = "MIT" }`, Poetry's `license = "MIT"`. */
function declaredLicense(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v : typeof v === 'object' && v ? (v as { text?: unknown }).text : undefined;
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  // An SPDX expression is short and has no sentences; a licence's whole text is not a label value.
  if (/^[A-Za-z0-9.+\-() ]{1,80}$/.test(t)) return t;
  return licenseOfText(t);
}

const KNOWN: [RegExp, string][] = [
  [/GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3/i, 'AGPL-3.0'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3/i, 'LGPL-3.0'],
  [/GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1/i, 'LGPL-2.1'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 3/i, 'GPL-3.0'],
  [/GNU GENERAL PUBLIC LICENSE\s+Version 2/i, 'GPL-2.0'],
  [/Apache License,?\s+Version 2\.0/i, 'Apache-2.0'],
  [/Mozilla Public License,? (?:Version |v\. ?)2\.0/i, 'MPL-2.0'],
  [/Permission is hereby granted, free of charge/i, 'MIT'],
  [/Permission to use, copy, modify, and\/or distribute this software for any purpose/i, 'ISC'],
  [/This is free and unencumbered software released into the public domain/i, 'Unlicense'],
  [/CC0 1\.0 Universal/i, 'CC0-1.0'],
  [/Creative Commons Attribution 4\.0 International/i, 'CC-BY-4.0'],
];

/** The SPDX id of a licence file's text, for the common licences; undefined when it is not recognised. */
export function licenseOfText(text: string | undefined): string | undefined {
  if (!text) return undefined;
  for (const [re, id] of KNOWN) if (re.test(text)) return id;
  if (/Redistribution and use in source and binary forms/i.test(text))
    return /Neither the name|endorse or promote/i.test(text) ? 'BSD-3-Clause' : 'BSD-2-Clause';
  return undefined;
}

/**
 * A remote as a URL someone else can open: credentials dropped (`https://user:token@host/…` must never end up
 * in an image), `git@host:owner/repo.git` as `https://host/owner/repo`. Local paths are not a source.
 */
export function sourceUrl(remote: string): string | undefined {
  const r = remote.trim();
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(r);
  if (scp) return `https://${scp[1]}/${scp[2].replace(/\.git$/, '')}`;
  let u: URL;
  try {
    u = new URL(r);
  } catch {
    return undefined;
  }
  if (!/^(https?|ssh|git):$/.test(u.protocol)) return undefined;
  const path = u.pathname.replace(/\.git$/, '');
  if (u.protocol === 'ssh:' || u.protocol === 'git:') return `https://${u.hostname}${path}`;
  return `${u.protocol}//${u.host}${path}`;
}
