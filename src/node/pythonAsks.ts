// Reads the project files that name a Python version and flags those the base image's Python does not meet
// (core/python/pythonConflict): the notes `scaffold`, `up` and Containerize show (issue 26, defect 4).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  minorOf,
  pythonAsksIn,
  pythonConflicts,
  PythonConflict,
  pythonOfImageName,
} from '../core/python/pythonConflict';

const FILES = ['pyproject.toml', 'runtime.txt', '.python-version', 'environment.yml', 'environment.yaml', 'Pipfile'];

/** The conflicts between the project's Python asks and the base image's Python (asked, else by its name). */
export async function pythonMismatches(
  dir: string,
  baseRef: string,
  imagePython: string | undefined,
): Promise<PythonConflict[]> {
  const have = minorOf(imagePython) ?? pythonOfImageName(baseRef);
  if (!have) return [];
  const asks = [];
  for (const f of FILES) {
    const text = await fs.readFile(path.join(dir, f), 'utf8').catch(() => undefined);
    if (text !== undefined) asks.push(...pythonAsksIn(f, text));
  }
  return pythonConflicts(asks, have, baseRef);
}
