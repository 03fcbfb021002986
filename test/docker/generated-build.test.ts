// The generated Dockerfile really builds on the engine here and runs as a non-root user.
// Built with the docker CLI (argv arrays, classic builder: DOCKER_BUILDKIT=0, no registry needed).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateAll, specFromAnalysis } from '../../src/core/generate';
import { ProjectAnalysis } from '../../src/core/project';
import Docker from 'dockerode';

const prefix = `dsc-test-gen-${process.pid}`;
const images: string[] = [];
const containers: string[] = [];
const dirs: string[] = [];

function docker(args: string[], timeout = 300_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'docker',
      args,
      { timeout, env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`docker ${args.join(' ')} failed: ${stderr || err.message}`));
        else resolve(stdout.trim());
      },
    );
  });
}

/** Both streams of a container's logs (Jupyter prints its URL on stderr). */
function logsOf(name: string): Promise<string> {
  return new Promise((resolve) =>
    execFile('docker', ['logs', name], (_e, stdout, stderr) => resolve(`${stdout}${stderr}`)),
  );
}

function analysis(over: Partial<ProjectAnalysis>): ProjectAnalysis {
  return {
    root: '.',
    mode: 'script',
    pythonVersion: '3.11',
    requirements: [],
    unresolved: [],
    localModules: [],
    notebooks: [],
    existing: [],
    gpu: false,
    warnings: [],
    ...over,
  };
}

/** Writes the project and its generated files to a temp folder and builds it; returns the image tag. */
async function buildProject(
  name: string,
  files: Record<string, string>,
  a: ProjectAnalysis,
  baseImage: string,
  buildArgs: string[] = [],
): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-${name}-`));
  dirs.push(dir);
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  for (const [f, text] of Object.entries(generateAll(specFromAnalysis(a, { baseImage }))))
    fs.writeFileSync(path.join(dir, f), text);
  const tag = `${prefix}-${name}:test`;
  images.push(tag);
  await docker(['build', '-q', '-t', tag, ...buildArgs, dir]);
  return tag;
}

after(async () => {
  for (const c of containers) await docker(['rm', '-f', c]).catch(() => undefined);
  for (const i of images.reverse()) await docker(['rmi', '-f', i]).catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const trainPy =
  'import numpy as np\n\nif __name__ == "__main__":\n    w = np.zeros(3)\n    print("trained", w.shape[0], "weights")\n';

test(
  'a numpy script project builds on local/python:3.11-scipy and runs as UID 1000',
  { timeout: 600_000 },
  async () => {
    const numpy = await docker([
      'run',
      '--rm',
      'local/python:3.11-scipy',
      'python3',
      '-c',
      'import numpy; print(numpy.__version__)',
    ]);
    const a = analysis({
      entry: 'train.py',
      requirements: [
        { name: 'numpy', version: numpy, verified: true, class: 'runtime', imports: ['numpy'], sites: [] },
      ],
    });
    const tag = await buildProject(
      'numpy',
      { 'train.py': trainPy, '.env': 'API_TOKEN=never-in-the-image\n' },
      a,
      'local/python:3.11-scipy',
    );
    assert.equal(await docker(['run', '--rm', tag, 'id', '-u']), '1000');
    assert.equal(await docker(['run', '--rm', tag]), 'trained 3 weights', 'CMD runs the entry');
    assert.equal(
      await docker(['run', '--rm', tag, 'sh', '-c', 'test -e /app/.env && echo present || echo absent']),
      'absent',
      '.env stays out of the image',
    );
    assert.equal(
      await docker(['run', '--rm', tag, 'sh', '-c', 'touch /app/new && stat -c %u /app/train.py']),
      '1000',
      'the user owns the code and can write in /app',
    );
  },
);

test(
  'the UID build argument changes the user (matching the host user keeps bind mounts writable)',
  { timeout: 600_000 },
  async () => {
    const a = analysis({ entry: 'train.py', requirements: [] });
    const tag = await buildProject('uid', { 'train.py': trainPy }, a, 'local/python:3.11-scipy', [
      '--build-arg',
      'UID=1234',
    ]);
    assert.equal(await docker(['run', '--rm', tag, 'id', '-u']), '1234');
  },
);

test(
  'a base image that already has a user with UID 1000 (like jovyan) builds and reuses it',
  { timeout: 600_000 },
  async () => {
    const baseDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-base-`));
    dirs.push(baseDir);
    fs.writeFileSync(
      path.join(baseDir, 'Dockerfile'),
      'FROM local/jupyter:3.11\nRUN useradd --create-home --uid 1000 jovyan\nUSER jovyan\n',
    );
    const base = `${prefix}-jupyter-base:test`;
    images.push(base);
    await docker(['build', '-q', '-t', base, baseDir]);
    const tag = await buildProject(
      'jovyan',
      { 'analysis.ipynb': '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n' },
      analysis({ mode: 'jupyter', entry: undefined }),
      base,
    );
    assert.equal(await docker(['run', '--rm', tag, 'id', '-un']), 'jovyan');
    assert.equal(await docker(['run', '--rm', tag, 'id', '-u']), '1000');
  },
);

test(
  'jupyter mode on local/jupyter:3.11 starts the server on 0.0.0.0:8888 with a token',
  { timeout: 600_000 },
  async () => {
    const tag = await buildProject(
      'jupyter',
      { 'analysis.ipynb': '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}\n' },
      analysis({ mode: 'jupyter', entry: undefined }),
      'local/jupyter:3.11',
    );
    const name = `${prefix}-jupyter-run`;
    containers.push(name);
    await docker(['run', '-d', '--name', name, '-p', '127.0.0.1::8888', tag]);
    let logs = '';
    for (let i = 0; i < 60 && !/token=[0-9a-f]{16,}/.test(logs); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      logs = await logsOf(name);
    }
    assert.match(logs, /token=[0-9a-f]{16,}/, `no token URL in the logs:\n${logs}`);
    assert.match(logs, /8888/);
    assert.equal(await docker(['exec', name, 'id', '-u']), '1000');
  },
);

test(
  'the BuildKit variant (pip cache mount) builds with BuildKit and no # syntax line',
  { timeout: 600_000 },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-buildkit-`));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'train.py'), trainPy);
    const spec = specFromAnalysis(
      analysis({
        entry: 'train.py',
        requirements: [{ name: 'numpy', verified: true, class: 'runtime', imports: ['numpy'], sites: [] }],
      }),
      { baseImage: 'local/python:3.11-scipy', pipCacheMount: true },
    );
    const files = generateAll(spec);
    assert.match(
      files.Dockerfile,
      /RUN --mount=type=cache,target=\/root\/\.cache\/pip (touch requirements\.lock && )?pip install/,
    );
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    const tag = `${prefix}-buildkit:test`;
    images.push(tag);
    const engine = new Docker();
    const stream = await engine.buildImage({ context: dir, src: fs.readdirSync(dir) }, { t: tag, version: '2' });
    // A failed BuildKit build does not reject: the error is an item of the stream.
    const items = await new Promise<{ error?: string; errorDetail?: unknown }[]>((resolve, reject) =>
      engine.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) =>
        err ? reject(err) : resolve(out),
      ),
    );
    assert.deepEqual(
      items.filter((i) => i.error || i.errorDetail),
      [],
    );
    assert.equal(await docker(['run', '--rm', tag, 'id', '-u']), '1000');
    assert.equal(await docker(['run', '--rm', tag]), 'trained 3 weights');
  },
);
