// Reads the files that say how a project is launched (README, Makefile, dvc.yaml with params.yaml, MLproject,
// Snakefile) at its root, and hands their text and parsed YAML to core/python/launch. A file that cannot be
// read or parsed is one warning naming it, never a failure of the scan.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ScanWarning } from '../core/project';
import {
  DocumentedLaunch,
  dvcLaunches,
  makefileLaunches,
  mlprojectLaunches,
  readmeLaunches,
  snakefileLaunch,
} from '../core/python/launch';

const parseYaml = (text: string) => (require('yaml') as typeof import('yaml')).parse(text) as unknown;
const MAX_BYTES = 256 * 1024;
const READMES = ['README.md', 'README.rst', 'README.txt', 'README', 'readme.md', 'Readme.md'];
const MAKEFILES = ['Makefile', 'makefile', 'GNUmakefile'];
const SNAKEFILES = ['Snakefile', 'workflow/Snakefile'];

export interface ProjectLaunches {
  /** Pipeline launches first, then the Makefile's, then the README's (the order chooseLaunch prefers). */
  launches: DocumentedLaunch[];
  dvcStages?: string[];
  warnings: ScanWarning[];
}

async function readSmall(root: string, file: string): Promise<string | undefined> {
  const handle = await fs.open(path.join(root, file), 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buf = Buffer.alloc(MAX_BYTES);
    const { bytesRead } = await handle.read(buf, 0, MAX_BYTES, 0);
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

export async function readLaunches(root: string): Promise<ProjectLaunches> {
  const out: ProjectLaunches = { launches: [], warnings: [] };
  const yaml = (file: string, text: string): unknown => {
    try {
      return parseYaml(text);
    } catch (e) {
      const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      out.warnings.push({ file, line, message: `not read as YAML: ${String((e as Error).message).split('\n')[0]}` });
      return undefined;
    }
  };
  const dvc = await readSmall(root, 'dvc.yaml');
  if (dvc !== undefined) {
    const paramsText = await readSmall(root, 'params.yaml');
    const params = paramsText === undefined ? {} : (yaml('params.yaml', paramsText) ?? {});
    const r = dvcLaunches('dvc.yaml', dvc, yaml('dvc.yaml', dvc), params);
    out.launches.push(...r.launches);
    if (r.stages.length) out.dvcStages = r.stages;
  }
  for (const f of ['MLproject', 'MLProject']) {
    const text = await readSmall(root, f);
    if (text !== undefined) {
      out.launches.push(...mlprojectLaunches(f, text, yaml(f, text)));
      break;
    }
  }
  for (const f of SNAKEFILES)
    if ((await readSmall(root, f)) !== undefined) {
      out.launches.push(snakefileLaunch(f));
      break;
    }
  for (const f of MAKEFILES) {
    const text = await readSmall(root, f);
    if (text !== undefined) out.launches.push(...makefileLaunches(f, text));
  }
  for (const f of READMES) {
    const text = await readSmall(root, f);
    if (text !== undefined) {
      out.launches.push(...readmeLaunches(f, text));
      break; // one README (case-insensitive file systems list README.md and readme.md as one)
    }
  }
  return out;
}
