// Bundles the extension and the CLI into dist/ (vscode stays external: the editor provides it).
import * as esbuild from 'esbuild';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: !watch,
  external: ['vscode', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  logLevel: 'warning',
  metafile: true,
};
// dockerode goes into its own file, required lazily by src/node/docker/engine.ts.
const lazyDockerode = {
  name: 'lazy-dockerode',
  setup(b) {
    b.onResolve({ filter: /^dockerode$/ }, () => ({ path: './dockerode.js', external: true }));
    b.onResolve({ filter: /^docker-modem\/lib\/ssh$/ }, () => ({ path: './dockerode-ssh.js', external: true }));
  },
};
// Heavy libraries go into chunks under dist/chunks/, loaded on first use so that activating the
// extension (and starting the CLI) does not parse them. The source reaches them only through a
// require() at the call site (ESLint forbids a static import of these packages). Each chunk exports
// one lazy getter per module; in the main bundle each module becomes a tiny shim that requires the
// chunk, so modules that share code (the Dockerfile libraries, whose registry client we patch) stay
// one instance. Add a chunk here, to `lazyModules` in eslint.config.mjs, and nothing else.
const chunks = {
  dockerfile: [
    'dockerfile-language-service',
    'dockerfile-language-service/lib/dockerRegistryClient',
    'dockerfile-ast',
    'dockerfile-utils',
  ],
  yaml: ['yaml'],
  requirements: ['pip-requirements-js'],
  toml: ['smol-toml'],
  tar: ['tar-fs'],
  ignore: ['ignore'],
  jsonc: ['jsonc-parser'],
};
const chunkOf = new Map(Object.entries(chunks).flatMap(([chunk, mods]) => mods.map((m) => [m, chunk])));
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const lazyChunks = {
  name: 'lazy-chunks',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${[...chunkOf.keys()].map(escape).join('|')})$`) }, (a) => ({
      path: a.path,
      namespace: 'lazy-chunk',
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (a) => ({
      contents: `module.exports = require(${JSON.stringify(`./chunks/${chunkOf.get(a.path)}.js`)})[${JSON.stringify(a.path)}];`,
    }));
    b.onResolve({ filter: /^\.\/chunks\//, namespace: 'lazy-chunk' }, (a) => ({ path: a.path, external: true }));
  },
};
const chunkEntry = (mods) =>
  mods
    .map(
      (m) =>
        `Object.defineProperty(exports, ${JSON.stringify(m)}, { enumerable: true, get: () => require(${JSON.stringify(m)}) });`,
    )
    .join('\n');
const chunkBuilds = Object.entries(chunks).map(([chunk, mods]) => ({
  ...common,
  stdin: { contents: chunkEntry(mods), resolveDir: '.', sourcefile: `chunks/${chunk}.js` },
  // jsonc-parser's main is a UMD build whose dynamic require()s esbuild cannot follow: bundle its ES modules.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  outfile: `dist/chunks/${chunk}.js`,
}));
// dockerode requires at startup what only some calls use: its BuildKit session (gRPC, protobuf), its BuildKit
// progress decoder (protobuf; we decode BuildKit ourselves) and docker-modem's SSH transport (ssh2). Parsing them
// took longer than the engine calls of a whole `run`: each becomes a small shim that requires a file of its own
// (dist/dockerode-grpc.js, dist/dockerode-ssh.js) on its first call, so `run` and the explorer never parse them.
const lazyParts = {
  name: 'lazy-dockerode-parts',
  setup(b) {
    const shims = [
      { from: 'dockerode/lib/docker.js', spec: './session', file: './dockerode-grpc.js', get: '.session' },
      // Required inside followProgress only (which we do not call): a plain require is already lazy.
      { from: 'dockerode/lib/docker.js', spec: './buildkit', file: './dockerode-grpc.js', get: '.buildkit', plain: 1 },
      { from: 'docker-modem/lib/modem.js', spec: './ssh', file: './dockerode-ssh.js', get: '' },
    ];
    b.onResolve({ filter: /^\.\/(session|buildkit|ssh)$/ }, (a) => {
      const i = shims.findIndex((s) => a.importer.replace(/\\/g, '/').endsWith(s.from) && s.spec === a.path);
      return i < 0 ? undefined : { path: String(i), namespace: 'lazy-part' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-part' }, (a) => {
      const s = shims[Number(a.path)];
      const load = `require(${JSON.stringify(s.file)})${s.get}`;
      return {
        contents: s.plain
          ? `module.exports = ${load};`
          : `module.exports = function () { return ${load}.apply(this, arguments); };`,
      };
    });
    b.onResolve({ filter: /^\.\/dockerode-(grpc|ssh)\.js$/, namespace: 'lazy-part' }, (a) => ({
      path: a.path,
      external: true,
    }));
  },
};
const builds = [
  ...chunkBuilds,
  {
    ...common,
    plugins: [lazyParts],
    entryPoints: { dockerode: 'node_modules/dockerode/lib/docker.js' },
    outdir: 'dist',
  },
  {
    ...common,
    stdin: {
      contents:
        "exports.session = require('dockerode/lib/session.js');\nexports.buildkit = require('dockerode/lib/buildkit.js');",
      resolveDir: '.',
      sourcefile: 'dockerode-grpc.js',
    },
    outfile: 'dist/dockerode-grpc.js',
  },
  { ...common, entryPoints: { 'dockerode-ssh': 'node_modules/docker-modem/lib/ssh.js' }, outdir: 'dist' },
  { ...common, plugins: [lazyDockerode, lazyChunks], entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  {
    ...common,
    plugins: [lazyDockerode, lazyChunks],
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  for (const b of builds) {
    const r = await esbuild.build(b);
    const bytes = Object.entries(r.metafile.outputs)
      .filter(([f]) => f.endsWith('.js'))
      .reduce((n, [, o]) => n + o.bytes, 0);
    console.log(
      `${b.outfile ?? Object.keys(b.entryPoints).map((e) => `dist/${e}.js`)}: ${(bytes / 1024).toFixed(0)} KiB`,
    );
  }
}
// dockerode's BuildKit session loads its .proto files at run time from next to the bundle.
import fs from 'node:fs';
fs.cpSync('node_modules/dockerode/lib/proto', 'dist/proto', { recursive: true });
// The most used distribution names, read by src/node/indexCheck.ts on first use (not at activation).
fs.copyFileSync('data/top-distributions.txt', 'dist/top-distributions.txt');
