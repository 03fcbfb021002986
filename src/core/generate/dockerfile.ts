import { ProjectSpec } from '../project';
import { validateSpec } from './validate';
import { systemPackagesFor } from './system-packages';
import { defaultBaseImage, isCudaImage, isJupyterImage, runtimeCudaImage } from './images';
import { containerPort, modeRuntime } from './modes';
import { gpuEnv } from '../gpu';
import { LOCK_FILE } from '../projectFiles';
import { buildSplit, isBuildTool } from './buildStage';
import { aptBased } from './gitNeeds';
import { normalizeName } from '../requirements/names';

/** The default UID of the image's user; a build argument, so `--build-arg UID=$(id -u)` matches the host. */
export const defaultUid = 1000;

/** Where the image keeps the project's code (WORKDIR); compose, run and the dev container mount the project there. */
export const imageWorkdir = '/app';

/** The HEALTHCHECK's Python program (also Kubernetes' exec probe): any HTTP answer below 500 on `path` is alive. */
export function healthProbeProgram(port: number, path: string): string {
  return (
    `import http.client as h; c = h.HTTPConnection('127.0.0.1', ${port}, timeout=4); ` +
    `c.request('GET', '${path}'); raise SystemExit(c.getresponse().status >= 500)`
  );
}

export function baseImageOf(spec: ProjectSpec): string {
  return spec.baseImage?.trim() || defaultBaseImage(spec.pythonVersion);
}

/**
 * The Dockerfile for a project. Deterministic: the same spec gives the same bytes. It is written to
 * pass the project's own lint (DSC001–DSC010): dependencies before code, no pip cache, a tagged base,
 * a non-root USER, apt hygiene, Jupyter's token kept, no unpinned `pip install NAME`, no secrets,
 * COPY not ADD, JSON-form CMD. No `# syntax=` line: BuildKit would try to pull a frontend.
 */
export function generateDockerfile(spec: ProjectSpec): string {
  validateSpec(spec);
  const base = baseImageOf(spec);
  const cuda = isCudaImage(base);
  const custom = !!spec.baseImage?.trim() && base !== defaultBaseImage(spec.pythonVersion);
  const uv = spec.lock?.sync === 'uv';
  // uv sync builds its one environment in place: a pip build stage has nothing to hand over.
  const split = cuda || uv || isJupyterImage(base) ? undefined : buildSplit(spec.requirements, aptOf(spec, cuda));
  // A CUDA devel base only builds (its nvcc and headers are gigabytes): the image runs FROM its runtime twin.
  const runsOn = develRunsOn(spec, base);
  const out: string[] = [...header(spec, base, runsOn)];
  if (split) out.push(...buildStage(spec, base, split.build));
  if (runsOn) out.push(...cudaBuildStage(spec, base, custom));
  out.push(`FROM ${runsOn ?? base}`, '');
  if (custom) out.push(...rootLines);
  // The build stage installed the build tools the requirements need; the image keeps the rest.
  const all = aptOf(spec, cuda);
  const runtimeApt = runsOn && all.some(isBuildTool) ? all.filter((p) => !isBuildTool(p)) : undefined;
  out.push(...aptBlock(spec, cuda, split?.runtime ?? runtimeApt));
  if (cuda) out.push('ENV PATH=/opt/venv/bin:$PATH', '');
  out.push(
    ...envBlock([
      ['PYTHONDONTWRITEBYTECODE', '1'],
      ['PYTHONUNBUFFERED', '1'],
      ['PIP_DISABLE_PIP_VERSION_CHECK', '1'],
    ]),
  );
  if (spec.gpu) {
    out.push('# Make every GPU visible to CUDA (the engine needs the NVIDIA container toolkit).');
    out.push(...envBlock([...gpuEnv]));
  }
  out.push(`WORKDIR ${imageWorkdir}`, '');
  const pythonPath = importPath(spec);
  if (pythonPath) {
    out.push(
      "# The project's own modules import from every entry (scripts in subfolders, notebooks, the src/ layout).",
    );
    out.push(`ENV PYTHONPATH=${pythonPath}`, '');
  }
  const deps = uv ? 'uv.lock' : 'requirements.txt';
  out.push(`# Dependencies first: editing code reuses this cached layer; editing ${deps} reinstalls.`);
  if (split) {
    out.push('# What pip installed in the build stage, without the compilers and headers it needed.');
    out.push('COPY --from=build /install /usr/local');
  } else if (runsOn) {
    out.push("# The build stage's virtual environment: what pip installed there, without the CUDA toolkit.");
    out.push('COPY --from=build /opt/venv /opt/venv');
  } else if (uv) out.push(...uvSyncInstall());
  else out.push(...lockedInstall(pipRunFlags(spec), pipFlags(spec), spec.locked, spec.pipInputs?.files));
  out.push('');
  // uv builds the project itself (below) with its own build isolation: no pip install of the backend.
  if (spec.install?.buildRequires.length && !uv) {
    out.push(
      '# The project is a package (pyproject.toml): its build backend first, so installing it needs no download.',
    );
    out.push(`RUN pip install --no-cache-dir ${spec.install.buildRequires.map((r) => `"${r}"`).join(' ')}`, '');
  }
  out.push(...userBlock(spec));
  out.push(...runtimeBlock(spec));
  return out.join('\n') + '\n';
}

export { LOCK_FILE };

/** uv's environment: outside /app, which compose and the dev container mount the project over. */
export const uvEnvironment = '/opt/venv';

const uvSync = 'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked --no-dev';

/**
 * The project's uv.lock installed by uv itself (issue 24): `--locked` refuses a uv.lock that no longer matches
 * pyproject.toml, so the image has exactly the lock. The cache mount (BuildKit, the engine's default builder)
 * keeps downloads between builds out of the image; copy mode, since the cache is another filesystem.
 */
function uvSyncInstall(): string[] {
  return [
    '# uv.lock pins every version and the base image has uv: `uv sync --locked` installs exactly them, and fails',
    '# when uv.lock no longer matches pyproject.toml. Its environment is outside /app, where runs mount the project.',
    ...envBlock([
      ['UV_COMPILE_BYTECODE', '1'],
      ['UV_LINK_MODE', 'copy'],
      ['UV_PYTHON_DOWNLOADS', 'never'],
      ['UV_PROJECT_ENVIRONMENT', uvEnvironment],
      ['PATH', `${uvEnvironment}/bin:$PATH`],
    ]).slice(0, -1),
    'COPY pyproject.toml uv.lock ./',
    `${uvSync} --no-install-project`,
  ];
}

/**
 * Installs requirements.txt constrained by requirements.lock, so a rebuild without cache gets exactly
 * the locked versions. The `[k]` glob lets COPY succeed (both builders) while there is no lock yet;
 * `touch` then leaves an empty constraints file, which constrains nothing.
 */
export function lockedInstall(
  runFlags = '',
  pipFlags = '--no-cache-dir ',
  locked = false,
  inputs: readonly string[] = [],
): string[] {
  // The comment says what holds when the file is written: a re-write after `lock` no longer says "none yet".
  const state = locked ? 'pip installs exactly those versions.' : 'none yet: nothing is constrained.';
  return [
    `# ${LOCK_FILE} (from \`ds-containers lock\`) pins every installed version; ${state}`,
    `COPY requirements.txt ${LOCK_FILE.slice(0, -1)}[${LOCK_FILE.slice(-1)}] ./`,
    ...pipInputCopies(inputs),
    `RUN ${runFlags}touch ${LOCK_FILE} && pip install ${pipFlags}-r requirements.txt -c ${LOCK_FILE}`,
  ];
}

/**
 * COPY lines for what requirements.txt makes pip read (`-r base.txt`, `-e ./libs/mylib`): only requirements.txt
 * is in the image when pip runs, so without them the install fails. Each keeps its project path under WORKDIR.
 */
function pipInputCopies(inputs: readonly string[]): string[] {
  if (!inputs.length) return [];
  return [
    '# requirements.txt names these project files and folders: pip reads them, so they come first too.',
    ...inputs.map((f) => `COPY ${JSON.stringify([f, f]).replace(/,/g, ', ')}`),
  ];
}

const rootLines = [
  '# The base image may switch to a non-root user; installing needs root (USER changes back below).',
  'USER root',
  '',
];

/**
 * Distributions that compile CUDA code when they run (pycuda's SourceModule calls nvcc, numba's CUDA JIT loads
 * libNVVM, CuPy's kernels read the CUDA headers): with one of them, a devel base stays the image.
 */
const COMPILES_CUDA_AT_RUN = /^(pycuda|numba|numba-cuda|cupy|cupy-cuda\d+x?)$/;

/** The runtime twin the image runs FROM when the base is a CUDA devel image that running does not need. */
function develRunsOn(spec: ProjectSpec, base: string): string | undefined {
  const runtime = runtimeCudaImage(base);
  return runtime && !compilesCudaAtRun(spec).length ? runtime : undefined;
}

const compilesCudaAtRun = (spec: ProjectSpec) =>
  spec.requirements.filter((r) => COMPILES_CUDA_AT_RUN.test(normalizeName(r.name))).map((r) => r.name);

/** The devel image as a build stage: Python in a virtual environment, and pip installs there with nvcc at hand. */
function cudaBuildStage(spec: ProjectSpec, base: string, custom: boolean): string[] {
  return [
    `FROM ${base} AS build`,
    '',
    ...(custom ? rootLines : []),
    '# CUDA compilers and headers only in this stage, for requirements that compile against CUDA.',
    'RUN apt-get update \\',
    `    && apt-get install -y --no-install-recommends ${aptOf(spec, true).join(' ')} \\`,
    '    && rm -rf /var/lib/apt/lists/* \\',
    '    && python3 -m venv /opt/venv',
    'ENV PATH=/opt/venv/bin:$PATH',
    'WORKDIR /build',
    ...lockedInstall(pipRunFlags(spec), pipFlags(spec), spec.locked, spec.pipInputs?.files),
    '',
  ];
}

function header(spec: ProjectSpec, base: string, runsOn?: string): string[] {
  const what = spec.mode === 'app' ? `an app (${spec.framework ?? 'unknown framework'})` : `a ${spec.mode}`;
  const lines = [`# Generated by ds-containers for ${what} project${spec.entry ? ` (entry: ${spec.entry})` : ''}.`];
  // The tag in this comment is the one `ds-containers build` and the editor use (from the folder name).
  lines.push(`# Build:  docker build --build-arg UID=$(id -u) -t ${spec.tag ?? 'my-project'} .`);
  if (isCudaImage(base))
    lines.push(`# The CUDA image brings its own OS Python, not necessarily Python ${spec.pythonVersion}.`);
  else if (spec.gpu)
    lines.push(
      '# GPU: PyTorch/TensorFlow wheels bring their CUDA libraries; ' +
        'the host needs the NVIDIA driver and container toolkit.',
    );
  if (runsOn)
    lines.push(
      `# ${base} only builds: its CUDA compilers and headers (gigabytes) stay in the build stage;`,
      `# the image runs FROM ${runsOn}.`,
    );
  else if (runtimeCudaImage(base))
    lines.push(
      `# ${base} stays the image: ${compilesCudaAtRun(spec).join(', ')} compiles CUDA code when it runs,`,
      '# with the compilers and headers of the devel image.',
    );
  if (spec.mode === 'jupyter' && (spec.baseImageFacts ? spec.baseImageFacts.jupyter : isJupyterImage(base))) {
    lines.push('# The base image is a Jupyter image: JupyterLab comes with it.');
  }
  return lines;
}

const pipRunFlags = (spec: ProjectSpec) => (spec.pipCacheMount ? '--mount=type=cache,target=/root/.cache/pip ' : '');
const pipFlags = (spec: ProjectSpec) => (spec.pipCacheMount ? '' : '--no-cache-dir ');

/** Every apt package the image would install in one stage. */
function aptOf(spec: ProjectSpec, cuda: boolean): string[] {
  const fromTable = systemPackagesFor(spec.requirements.map((r) => r.name)).flatMap((k) => k.packages);
  const python = cuda ? ['python3', 'python3-venv'] : [];
  // pip clones `git+https://…` lines with git, which slim images lack; without apt-get a note says so (gitNote).
  const git = spec.pipInputs?.vcs && aptBased(baseImageOf(spec)) ? ['git'] : [];
  return [...new Set([...python, ...fromTable, ...git, ...(spec.systemPackages ?? [])])].sort();
}

/** The build stage: the build tools, then pip installs into /install, which the image copies. */
function buildStage(spec: ProjectSpec, base: string, tools: string[]): string[] {
  return [
    `FROM ${base} AS build`,
    '',
    '# Build tools only in this stage: a requirement compiles at install time, and the image needs none of them.',
    'RUN apt-get update \\',
    `    && apt-get install -y --no-install-recommends ${tools.join(' ')} \\`,
    '    && rm -rf /var/lib/apt/lists/*',
    // The image's WORKDIR: an editable install (`-e ./libs/mylib`) points at the folder by path, and the image
    // has that folder at the same path (COPY . . below).
    `WORKDIR ${imageWorkdir}`,
    ...lockedInstall(pipRunFlags(spec), `${pipFlags(spec)}--prefix=/install `, spec.locked, spec.pipInputs?.files),
    '',
  ];
}

function aptBlock(spec: ProjectSpec, cuda: boolean, only?: string[]): string[] {
  const keep = only ? new Set(only) : undefined;
  const known = systemPackagesFor(spec.requirements.map((r) => r.name))
    .map((k) => ({ ...k, packages: k.packages.filter((p) => !keep || keep.has(p)) }))
    .filter((k) => k.packages.length);
  const fromTable = new Set(known.flatMap((k) => k.packages));
  const all = only ?? aptOf(spec, cuda);
  const vcsGit = !!spec.pipInputs?.vcs && all.includes('git') && !spec.systemPackages?.includes('git');
  const chosen = all.filter(
    (p) => !fromTable.has(p) && !(cuda && (p === 'python3' || p === 'python3-venv')) && !(vcsGit && p === 'git'),
  );
  if (!all.length) return [];
  const lines: string[] = [
    '# System packages, installed without extras and with the apt lists removed in the same layer:',
  ];
  if (cuda)
    lines.push(
      '#   python3 python3-venv: CUDA images have no Python; a virtual environment keeps pip away from the OS.',
    );
  for (const k of known) lines.push(`#   ${k.packages.join(' ')}: ${k.distribution} (${k.why})`);
  if (vcsGit) lines.push('#   git: pip clones the git+ lines of requirements.txt with it');
  const why = only ? 'libraries the compiled requirements load, and packages chosen' : 'chosen for this project';
  if (chosen.length) lines.push(`#   ${chosen.join(' ')}: ${why}`);
  lines.push('RUN apt-get update \\');
  lines.push(`    && apt-get install -y --no-install-recommends ${all.join(' ')} \\`);
  lines.push(cuda ? '    && rm -rf /var/lib/apt/lists/* \\' : '    && rm -rf /var/lib/apt/lists/*');
  if (cuda) lines.push('    && python3 -m venv /opt/venv');
  lines.push('');
  return lines;
}

function envBlock(pairs: [string, string][]): string[] {
  if (!pairs.length) return [];
  const body = pairs.map(([k, v], i) => `${i ? '    ' : 'ENV '}${k}=${v}${i < pairs.length - 1 ? ' \\' : ''}`);
  return [...body, ''];
}

function userBlock(spec: ProjectSpec): string[] {
  const out = [
    '# A non-root user whose UID matches yours keeps bind-mounted files writable. An existing user',
    '# with that UID (jovyan in Jupyter images) is reused rather than created twice.',
    `ARG UID=${defaultUid}`,
    'RUN if ! getent passwd "${UID}" > /dev/null; ' +
      'then useradd --create-home --uid "${UID}" --shell /bin/bash app; fi \\',
    '    && chown "${UID}" /app',
    'COPY --chown=${UID} . .',
  ];
  if (spec.install) {
    // uv installs the project into its environment (editable, as uv does); that environment has no pip.
    if (spec.lock?.sync === 'uv') out.push('# Install the project itself, as uv does (editable).', uvSync);
    else {
      // Its dependencies came from requirements.txt; the build backend from the line above.
      out.push(
        `# Install the project itself${spec.install.editable ? ', editable as its docs do (pip install -e .)' : ''}.`,
      );
      out.push(`RUN pip install --no-cache-dir --no-deps --no-build-isolation ${spec.install.editable ? '-e ' : ''}.`);
    }
  }
  out.push('USER ${UID}', '');
  return out;
}

/** PYTHONPATH for the project's import roots: /app/src before /app, as the src layout means. */
export function importPath(spec: ProjectSpec): string | undefined {
  const roots = [...new Set(spec.importRoots ?? [])].sort((a, b) => (a === '.' ? 1 : b === '.' ? -1 : a < b ? -1 : 1));
  return roots.length
    ? roots.map((r) => (r === '.' ? '/app' : `/app/${r.replace(/\\/g, '/').replace(/\/$/, '')}`)).join(':')
    : undefined;
}

function runtimeBlock(spec: ProjectSpec): string[] {
  const rt = modeRuntime(spec);
  const port = containerPort(spec);
  const out: string[] = [];
  if (rt.env.length) out.push(...envBlock(rt.env));
  if (port) out.push(`EXPOSE ${port}`);
  if (rt.healthPath && port) {
    // http.client is in every Python: slim images have no curl. Any answer below 500 means alive.
    const probe = healthProbeProgram(port, rt.healthPath);
    out.push('HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\');
    out.push(`    CMD ${execForm(['python', '-c', probe])}`);
  }
  if (port) out.push('');
  for (const n of rt.notes) out.push(`# ${n}`);
  out.push(`CMD ${execForm(rt.cmd)}`);
  return out;
}

/** JSON (exec) form: signals reach the process and nothing is parsed by a shell. */
export function execForm(argv: readonly string[]): string {
  return '[' + argv.map((a) => JSON.stringify(a)).join(', ') + ']';
}
