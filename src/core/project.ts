import type { SpecLock } from './locks/types';
import type { DataOut } from './generate/data';
import type { PipInputs } from './requirements/includes';

/**
 * The analysis of a project, shared by the scanner (issue: analysis), the generators, the lint
 * and drift features, the Project view and the build/run commands. Plain data, JSON-serialisable.
 */
export type ImportClass = 'runtime' | 'optional' | 'typing' | 'dev';
/** How the container runs the project; one list for the CLI's --mode, the preview's pick and the image's label. */
export const PROJECT_MODES = ['script', 'jupyter', 'app'] as const;
export type ProjectMode = (typeof PROJECT_MODES)[number];
export type AppFramework = 'streamlit' | 'fastapi' | 'flask' | 'gradio' | 'dash';

/** One import statement found in a source file (line is 1-based, as users read it). */
export interface ImportSite {
  /** Full dotted module name as written, e.g. "google.cloud.storage". */
  module: string;
  /** Path relative to the project root, with forward slashes. */
  file: string;
  line: number;
  /** For notebooks: the 0-based index of the cell among all cells (as the editor numbers them); line is within it. */
  cell?: number;
  class: ImportClass;
  /** `from M import a, b`: ["a", "b"], which `check` imports too (a name gone from a new release fails there). */
  names?: string[];
}

/** A third-party distribution the project needs, with every place that needs it. */
export interface Requirement {
  /** Distribution name as published, e.g. "scikit-learn". */
  name: string;
  /** Installed version from the probed interpreter; undefined when unknown (never invented). */
  version?: string;
  /** True when the import→distribution mapping came from the interpreter or the curated table. */
  verified: boolean;
  class: ImportClass;
  /** Import names that map to it, e.g. ["sklearn"]. */
  imports: string[];
  sites: ImportSite[];
  /** Where it came from besides imports: a `%pip install` magic, requirements.txt, pyproject… */
  declaredIn?: string[];
  /** Runtime needs that no import spells, with their evidence ("needed by pd.read_parquet"). */
  needs?: RuntimeNeedSite[];
  /** The runtime requirement that already installs it (fastapi installs starlette): not a line of its own. */
  providedBy?: string;
  /** Why pip cannot install it (no index has it, or none could be asked): a comment line, never an install line. */
  unavailable?: string;
  /** The first declaration: its version specifier (`>=1.7.1`, `==1.2`; '' for a bare name) and where it is. */
  declaredSpec?: { specifier: string; file: string; line?: number };
}

/** Where a runtime need was found and why it matters. */
export interface RuntimeNeedSite {
  file: string;
  line: number;
  cell?: number;
  reason: string;
}

export interface ScanWarning {
  file: string;
  line?: number;
  message: string;
}

export interface ProjectAnalysis {
  root: string;
  mode: ProjectMode;
  framework?: AppFramework;
  /** Entry file relative to the root (script or app mode). */
  entry?: string;
  /** Why this entry (main guard, name, README mention…), and the others that would also run. */
  entryWhy?: string;
  entryAlternatives?: string[];
  /**
   * The entry's arguments as the project runs it (README code, a Makefile target, a dvc.yaml stage, MLproject);
   * for a Flask or FastAPI app, present means its own `__main__` starts it (`python ENTRY ARGS`).
   */
  entryArgs?: string[];
  /** The port the app listens on when its launch says so (`python main.py 8080`, `app.run(port=8080)`). */
  entryPort?: number;
  /** Runnable files that cannot start without command-line arguments: file → the line and what it asks. */
  needsArgs?: Record<string, { line: number; what: string }>;
  /** The entry's imports of the project's own modules (`check` imports them as the entry would). */
  entryImports?: ImportSite[];
  /** Project folders that must be on the import path for every entry ('.' the root, 'src' a src layout). */
  importRoots?: string[];
  /** The project is itself a package (pyproject.toml with a build system): how to install it in the image. */
  installable?: ProjectInstall;
  /** Requirements the user excluded with a `# dsc: exclude NAME` directive in requirements.txt. */
  excluded?: string[];
  /** What `pip install -r requirements.txt` reads besides that file (includes, local paths), and VCS lines. */
  pipInputs?: PipInputs;
  /** "X.Y" */
  pythonVersion: string;
  /** Runtime first, then the other classes; sorted by name within a class. */
  requirements: Requirement[];
  /** Imports that resolved to nothing: neither stdlib, local, nor a known distribution. */
  unresolved: ImportSite[];
  localModules: string[];
  notebooks: string[];
  /** Files of the project that exist already (requirements.txt, Dockerfile, compose.yaml, .dockerignore, .env). */
  existing: string[];
  gpu: boolean;
  /** Some code opens an OpenCV window (imshow, namedWindow, waitKey): it needs OpenCV's GUI build. */
  guiCalls?: boolean;
  warnings: ScanWarning[];
  /**
   * Where pythonVersion came from: a project file (".python-version", "pyproject.toml"…), "interpreter" or
   * "default".
   */
  pythonVersionFrom?: string;
  /** The project's `requires-python` (pyproject.toml), when it has one: a Python proposed instead must satisfy it. */
  pythonRange?: string;
  /** The interpreter that was probed for stdlib names and installed versions (absent: bundled data only). */
  interpreter?: {
    command: string;
    executable?: string;
    version?: string;
    problem?: string;
    /**
     * Every installed distribution's version and Requires-Dist, for pins of added packages and the consistency
     * check.
     */
    installed?: Record<string, string>;
    requires?: Record<string, string[]>;
  };
}

export interface ProjectInstall {
  /** `pip install -e .` when the project's docs or tooling install it that way. */
  editable: boolean;
  /** [build-system] requires, installed before the project so the build needs no download when present. */
  buildRequires: string[];
}

/** What the generators need; Containerize's preview lets the user edit it before writing. */
export interface ProjectSpec {
  mode: ProjectMode;
  framework?: AppFramework;
  entry?: string;
  /**
   * Arguments the container passes to the entry (`python ENTRY ARGS…`, `snakemake -s Snakefile ARGS…`). For a
   * Flask or FastAPI app, present (even empty) means the entry's own `__main__` starts the server, not
   * `flask run`/uvicorn. The preview's Arguments field edits it.
   */
  args?: string[];
  pythonVersion: string;
  /** Defaults to python:X.Y-slim. */
  baseImage?: string;
  gpu: boolean;
  /**
   * Runtime requirements only, as they go into requirements.txt: `name==version`, else `name` + the range the
   * project declares (`scikit-learn>=1.7.1`), else the bare name.
   */
  requirements: { name: string; version?: string; specifier?: string }[];
  /** Imported, but no index has them (or none could be asked): comment lines in requirements.txt. */
  notInstallable?: { name: string; where: string; reason: string }[];
  /** Apt packages that the requirements need (from the core data table). */
  systemPackages?: string[];
  hasEnvFile: boolean;
  /** No `.env` yet, but `.env.example` expects one (`cp .env.example .env`): compose reads it once it exists. */
  envFileExpected?: boolean;
  /** Extra folders the user chose to keep out of the build context (large data). */
  ignoreFolders?: string[];
  /** 'cpu': torch, torchvision, torchaudio from PyTorch's CPU wheel index (no GPU use was found). */
  torchIndex?: 'cpu';
  /** Data folders and files above the size threshold, measured by the node layer: kept out of the image. */
  dataOut?: DataOut;
  /** Published container port; derived from the mode when absent. */
  port?: number;
  /** Use a BuildKit cache mount for pip instead of `--no-cache-dir` (needs a BuildKit build). */
  pipCacheMount?: boolean;
  /** Where the pinned versions came from, for the requirements.txt header, e.g. "python3 (3.11.2)". */
  versionSource?: string;
  /** What the base image has, from asking it (absent: not asked; then judged by its name). */
  baseImageFacts?: BaseImageFacts;
  /** The ASGI/WSGI object in the entry module for FastAPI (default "app"). */
  appObject?: string;
  /** Project folders put on PYTHONPATH ('.' → /app, 'src' → /app/src), so every entry imports the project. */
  importRoots?: string[];
  /** Install the project itself (pyproject.toml) after copying it. */
  install?: ProjectInstall;
  /** The image tag builds use (default: from the folder name); the Dockerfile's build comment shows it. */
  tag?: string;
  /** The project's own lock: requirements.txt is its exact pins (core/locks/fromLock.ts), not the scan's. */
  lock?: SpecLock;
  /** requirements.lock exists beside requirements.txt: the install comment says it constrains pip. */
  locked?: boolean;
  /** Files pip reads with requirements.txt (copied in before it runs), and whether a VCS line needs git. */
  pipInputs?: PipInputs;
}

/** What a base image was found to have by running it (see node/docker/imageProbe.ts). */
export interface BaseImageFacts {
  /** It serves `jupyter lab`. */
  jupyter: boolean;
  /** Normalised names of its installed distributions. */
  distributions: string[];
}
