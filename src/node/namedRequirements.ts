// The requirements files a project's README, devcontainer.json, Makefile or Dockerfile install with `-r`, that
// exist in it: readDeclarations reads them beside the root requirements*.txt (issue 26, defect 4).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { requirementFilesNamed } from '../core/requirements/named';

const NAMING = [
  'README.md',
  'README.rst',
  'README.txt',
  'README',
  '.devcontainer/devcontainer.json',
  '.devcontainer.json',
  'Makefile',
  'Dockerfile',
];
const MAX_BYTES = 256 * 1024;

export async function namedRequirementFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of NAMING) {
    const text = await fs
      .readFile(path.join(root, f))
      .then((b) => b.subarray(0, MAX_BYTES).toString('utf8'))
      .catch(() => undefined);
    if (text === undefined) continue;
    for (const named of requirementFilesNamed(text)) {
      if (out.includes(named)) continue;
      const isFile = await fs.stat(path.join(root, named)).then(
        (s) => s.isFile(),
        () => false,
      );
      if (isFile) out.push(named);
    }
  }
  return out;
}
