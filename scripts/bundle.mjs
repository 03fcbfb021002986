// Bundles the extension and the CLI into dist/ (vscode stays external: the editor provides it).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';

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
// dockerode goes into its own file, required lazily by src/node/docker/engine.ts. `up` is the way from the
// output file's folder to dist/ ('./' for dist/*.js, '../' for dist/chunks/*.js).
const lazyDockerode = (up = './') => ({
  name: 'lazy-dockerode',
  setup(b) {
    b.onResolve({ filter: /^dockerode$/ }, () => ({ path: `${up}dockerode.js`, external: true }));
    b.onResolve({ filter: /^docker-modem\/lib\/ssh$/ }, () => ({ path: `${up}dockerode-ssh.js`, external: true }));
  },
});
// One namespace object per external module (vscode, Node's builtins): esbuild's interop gives each file that imports
// an external CommonJS module a copy of all its members (70 files import vscode, 50 path), made while the bundle
// loads. Through one ESM re-export per module the members are copied once. `default` is the module itself.
const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const externalNamespaces = {
  name: 'external-namespaces',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, '');
      if (name !== 'vscode' && !builtins.has(name)) return undefined;
      if (a.namespace === 'external-ns') return { path: a.path, external: true };
      return { path: name, namespace: 'external-ns' };
    });
    b.onLoad({ filter: /.*/, namespace: 'external-ns' }, (a) => {
      const spec = JSON.stringify(a.path === 'vscode' ? 'vscode' : `node:${a.path}`);
      return { contents: `export * from ${spec};\nexport default require(${spec});`, loader: 'js' };
    });
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
const lazyChunks = (up = './') => ({
  name: 'lazy-chunks',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${[...chunkOf.keys()].map(escape).join('|')})$`) }, (a) => ({
      path: a.path,
      namespace: 'lazy-chunk',
    }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-chunk' }, (a) => ({
      contents: `module.exports = require(${JSON.stringify(`${up}chunks/${chunkOf.get(a.path)}.js`)})[${JSON.stringify(a.path)}];`,
    }));
    b.onResolve({ filter: /^\.\.?\/(\.\.\/)?chunks\//, namespace: 'lazy-chunk' }, (a) => ({
      path: a.path,
      external: true,
    }));
  },
});
// `spec` is what the chunk's getter requires (a package name, or ./src/… for our own modules).
const chunkEntry = (mods, spec = (m) => m) =>
  mods
    .map(
      (m) =>
        `Object.defineProperty(exports, ${JSON.stringify(m)}, { enumerable: true, get: () => require(${JSON.stringify(spec(m))}) });`,
    )
    .join('\n');
const chunkBuilds = Object.entries(chunks).map(([chunk, mods]) => ({
  ...common,
  stdin: { contents: chunkEntry(mods), resolveDir: '.', sourcefile: `chunks/${chunk}.js` },
  // jsonc-parser's main is a UMD build whose dynamic require()s esbuild cannot follow: bundle its ES modules.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  outfile: `dist/chunks/${chunk}.js`,
}));
// Our own code is split the same way, for the extension only: each folder of src/core/ and src/node/ is a chunk
// (dist/chunks/core-python.js, node-docker.js…; their loose files make core.js and node.js), and activation
// parses only src/extension.ts and src/vscode/. An import that crosses into another chunk becomes a shim whose
// exports are getters: the chunk is required on the first use of an export, not when the importing file is
// evaluated. So the source needs no require() at its call sites; only a top-level use of an import (a constant
// computed from it, a class extending it) loads its chunk early, and test/unit/activation-lazy.test.ts says which.
// The CLI bundles everything into dist/cli.js as before (it starts one command, it does not wait in an editor).
const ROOT = path.resolve('.');
const rel = (f) => path.relative(ROOT, f).split(path.sep).join('/');
// What activate() itself uses stays in the entry: these modules are imported by src/vscode/ only (the build fails
// if a chunk imports one, which would make it two instances). A new one shows in activation-lazy.test.ts.
const eager = new Set([
  'src/core/dockerfile/fixIds.ts', // the quick-fix command ids, in the command table
  'src/core/devcontainer/lint.ts', // its diagnostics collection's name
  'src/node/explorer/live.ts', // the explorer's model, which the status bar reads
  'src/node/docker/endpoint.ts', // the endpoint the status bar names
  'src/node/dockerfile/platformFacts.ts', // the lint's cache of base-image platforms
  'src/node/develop/jupyterServers.ts', // the kernel picker's server finder
]);
// Pure constants the entry needs at activation (document selectors) and many chunks import too: each bundle
// gets its own copy, which is safe only because they hold no state. Keep this list to such modules.
const copied = new Set(['src/core/projectFiles.ts', 'src/core/extensionIds.ts']);
const ownChunkOf = (file) => {
  if (eager.has(rel(file)) || copied.has(rel(file))) return undefined;
  const [src, layer, ...rest] = rel(file).split('/');
  if (src !== 'src' || (layer !== 'core' && layer !== 'node') || !file.endsWith('.ts')) return undefined;
  return rest.length > 1 ? `${layer}-${rest[0]}` : layer;
};
const listTs = (dir) =>
  fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
const ownFiles = [...listTs('src/core'), ...listTs('src/node')];
// Each module's export names, for its shim's getters (a module that exports only types has none and no shim use).
const exportsOf = new Map();
{
  const r = await esbuild.build({
    entryPoints: ownFiles,
    bundle: false,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out/.exports',
    platform: 'node',
    logLevel: 'silent',
  });
  for (const o of Object.values(r.metafile.outputs)) if (o.entryPoint) exportsOf.set(o.entryPoint, o.exports);
}
const ownChunkNames = [...new Set(ownFiles.map(ownChunkOf))].sort();
// `current`: the chunk being built (undefined for dist/extension.js); `up` as for lazyDockerode.
const ownChunks = (current, up) => ({
  name: 'own-chunks',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\//, namespace: 'file' }, async (a) => {
      if (a.pluginData?.ownChunks) return undefined;
      const r = await b.resolve(a.path, {
        resolveDir: a.resolveDir,
        kind: a.kind,
        importer: a.importer,
        pluginData: { ownChunks: true },
      });
      if (current && eager.has(rel(r.path)))
        return { errors: [{ text: `${rel(r.path)} is in the entry (eager): a chunk cannot import it` }] };
      const chunk = r.errors.length ? undefined : ownChunkOf(r.path);
      return chunk && chunk !== current
        ? { path: r.path, namespace: 'own-chunk', pluginData: { chunk } }
        : r.errors.length
          ? undefined
          : r;
    });
    b.onLoad({ filter: /.*/, namespace: 'own-chunk' }, (a) => {
      const names = exportsOf.get(rel(a.path)) ?? [];
      const load = `require(${JSON.stringify(`${up}chunks/${a.pluginData.chunk}.js`)})[${JSON.stringify(rel(a.path))}]`;
      return {
        contents: `let m; const load = () => m || (m = ${load});
Object.defineProperty(exports, '__esModule', { value: true });
for (const k of ${JSON.stringify(names)}) Object.defineProperty(exports, k, { enumerable: true, get: () => load()[k] });`,
        resolveDir: ROOT,
      };
    });
    b.onResolve({ filter: /chunks\//, namespace: 'own-chunk' }, (a) => ({ path: a.path, external: true }));
  },
});
const ownChunkBuilds = ownChunkNames.map((chunk) => ({
  ...common,
  plugins: [externalNamespaces, lazyDockerode('../'), lazyChunks('../'), ownChunks(chunk, '../')],
  stdin: {
    contents: chunkEntry(
      ownFiles.filter((f) => ownChunkOf(f) === chunk && exportsOf.get(rel(f))?.length).map(rel),
      (m) => `./${m}`,
    ),
    resolveDir: ROOT,
    sourcefile: `chunks/${chunk}.js`,
    loader: 'js',
  },
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
  ...ownChunkBuilds,
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
  {
    ...common,
    plugins: [externalNamespaces, lazyDockerode(), lazyChunks(), ownChunks(undefined, './')],
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
  },
  {
    ...common,
    plugins: [lazyDockerode(), lazyChunks()],
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
fs.cpSync('node_modules/dockerode/lib/proto', 'dist/proto', { recursive: true });
// The most used distribution names, read by src/node/indexCheck.ts on first use (not at activation).
fs.copyFileSync('data/top-distributions.txt', 'dist/top-distributions.txt');
