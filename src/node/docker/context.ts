import * as fs from 'fs';
import * as path from 'path';
import { Readable } from 'stream';
import dockerignore from '@balena/dockerignore';
import { DEFAULT_DATA_THRESHOLD_MB, MB, SizedFile } from '../../core/generate/data';

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

export interface ContextListing {
  files: string[];
  withheld: string[];
  /** Files above the data threshold left out although .dockerignore did not mention them. */
  large?: SizedFile[];
  /** Files above the threshold that a `!path` line of .dockerignore keeps in: the context is large anyway. */
  keptLarge?: SizedFile[];
}

/**
 * Lists the files of the build context, honouring .dockerignore (Docker's own rules). A file above
 * `thresholdMB` (default 50; 0: no limit) stays out unless a `!` line of .dockerignore names it: data belongs
 * in a mount, not in a layer that every rebuild sends again.
 */
export function contextFiles(dir: string, dockerfile = 'Dockerfile', o: { thresholdMB?: number } = {}): ContextListing {
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
  const negations = rules
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('!'));
  const exceptions = negations.length > 0;
  const keptByUser = dockerignore({ ignorecase: false }).add(negations.map((l) => l.slice(1)));
  const limit = (o.thresholdMB ?? DEFAULT_DATA_THRESHOLD_MB) * MB;
  const files: string[] = [];
  const withheld: string[] = [];
  const large: SizedFile[] = [];
  const keptLarge: SizedFile[] = [];
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
      if (r === dockerfile || r === '.dockerignore') files.push(r);
      else if (!user.ignores(r)) {
        const bytes = limit > 0 && e.isFile() ? fs.statSync(path.join(dir, r)).size : 0;
        if (bytes <= limit) files.push(r);
        else if (keptByUser.ignores(r)) {
          files.push(r);
          keptLarge.push({ path: r, bytes });
        } else large.push({ path: r, bytes });
      }
    }
  };
  walk('');
  return { files: files.sort(), withheld: withheld.sort(), large, keptLarge };
}

/** The build context as an uncompressed tar stream (of `listed`, when the caller has listed it already). */
export function packContext(dir: string, dockerfile = 'Dockerfile', listed?: ContextListing): BuildContext {
  const { files, withheld } = listed ?? contextFiles(dir, dockerfile);
  // Loaded on first use from its own chunk (scripts/bundle.mjs): activation does not parse it.
  const tar = require('tar-fs') as typeof import('tar-fs');
  // tar-fs takes its entries off the array it is given as it packs them: it gets a copy, so that `files`
  // (and a caller's list, packed again for a second build) stays whole.
  return { stream: tar.pack(dir, { entries: [...files] }), files, withheld };
}
