import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import dockerignore from '@balena/dockerignore';

/**
 * Secrets that never go into a build context, whatever .dockerignore says: a data scientist's
 * `.env` or key file baked into an image is a leak that outlives the project.
 */
export const ALWAYS_EXCLUDED = [
  '.git',
  '**/.git',
  '.env',
  '**/.env',
  '.env.*',
  '**/.env.*',
  '**/*.pem',
  '**/*.key',
  '**/id_rsa*',
  '**/id_ed25519*',
  '**/id_ecdsa*',
  '**/*.p12',
  '**/.ssh',
  '**/.aws',
];
const KEEP = ['.env.example', '**/.env.example'];

export interface BuildContext {
  stream: Readable;
  /** Files packed, relative, with forward slashes. */
  files: string[];
  /** Secret-looking files left out although .dockerignore did not mention them. */
  withheld: string[];
}

/** Lists the files of the build context, honouring .dockerignore (Docker's own rules). */
export function contextFiles(dir: string, dockerfile = 'Dockerfile'): { files: string[]; withheld: string[] } {
  let rules = '';
  try {
    rules = fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8');
  } catch {
    /* no .dockerignore */
  }
  const user = dockerignore({ ignorecase: false }).add(rules);
  const secrets = dockerignore({ ignorecase: false })
    .add(ALWAYS_EXCLUDED)
    .add(KEEP.map((k) => `!${k}`));
  // With an exception rule ("!keep/this"), an ignored folder may still hold kept files: walk it.
  const exceptions = rules.split(/\r?\n/).some((l) => l.trim().startsWith('!'));
  const files: string[] = [];
  const withheld: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (secrets.ignores(r)) {
        if (!user.ignores(r)) withheld.push(r);
        continue;
      }
      if (e.isDirectory()) {
        if (!user.ignores(r) || exceptions) walk(r);
        continue;
      }
      if (!user.ignores(r) || r === dockerfile || r === '.dockerignore') files.push(r);
    }
  };
  walk('');
  return { files: files.sort(), withheld: withheld.sort() };
}

/** The build context as an uncompressed tar stream (of `listed`, when the caller has listed it already). */
export function packContext(
  dir: string,
  dockerfile = 'Dockerfile',
  listed?: { files: string[]; withheld: string[] },
): BuildContext {
  const { files, withheld } = listed ?? contextFiles(dir, dockerfile);
  // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
  const tar = require('tar-fs') as typeof import('tar-fs');
  // tar-fs takes its entries off the array it is given as it packs them: it gets a copy, so that `files`
  // (and a caller's list, packed again for a second build) stays whole.
  return { stream: tar.pack(dir, { entries: [...files] }), files, withheld };
}
