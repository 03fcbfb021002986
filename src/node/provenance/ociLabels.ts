// Gathers what the OCI labels say about a project: pyproject.toml, its licence file, and git (its remote
// and HEAD, read with `git`, argv only; no git or no repository simply leaves those labels out).
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { ociLabels } from '../../core/provenance/ociLabels';

const parseToml = (text: string) => (require('smol-toml') as typeof import('smol-toml')).parse(text);

function git(dir: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], { timeout: 5000, encoding: 'utf8' }, (err, out) =>
      resolve(err ? undefined : out.trim() || undefined),
    );
  });
}

async function readText(file: string): Promise<string | undefined> {
  return fs.readFile(file, 'utf8').catch(() => undefined);
}

async function remoteOf(dir: string): Promise<string | undefined> {
  const origin = await git(dir, ['remote', 'get-url', 'origin']);
  if (origin) return origin;
  const first = (await git(dir, ['remote']))?.split('\n')[0];
  return first ? git(dir, ['remote', 'get-url', first]) : undefined;
}

/** The project's org.opencontainers.image.* labels, `.created` excepted (the build adds it). */
export async function projectOciLabels(dir: string): Promise<Record<string, string>> {
  const [pyText, licenseText, gitRemote, gitHead] = await Promise.all([
    readText(path.join(dir, 'pyproject.toml')),
    (async () => {
      for (const f of ['LICENSE', 'LICENSE.txt', 'LICENSE.md', 'LICENCE', 'COPYING']) {
        const t = await readText(path.join(dir, f));
        if (t !== undefined) return t;
      }
      return undefined;
    })(),
    remoteOf(dir),
    git(dir, ['rev-parse', 'HEAD']),
  ]);
  let pyproject: Record<string, unknown> | undefined;
  try {
    pyproject = pyText ? (parseToml(pyText) as Record<string, unknown>) : undefined;
  } catch {
    pyproject = undefined; // the scan reports a broken pyproject.toml; a label is not the place
  }
  return ociLabels({ dirName: path.basename(path.resolve(dir)), pyproject, licenseText, gitRemote, gitHead });
}
