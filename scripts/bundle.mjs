// Bundles the extension and the CLI into dist/ (vscode stays external: the editor provides it).
import * as esbuild from 'esbuild';

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
const builds = [
  { ...common, entryPoints: { dockerode: 'node_modules/dockerode/lib/docker.js' }, outdir: 'dist' },
  { ...common, entryPoints: { 'dockerode-ssh': 'node_modules/docker-modem/lib/ssh.js' }, outdir: 'dist' },
  { ...common, plugins: [lazyDockerode], entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { ...common, plugins: [lazyDockerode], entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  for (const b of builds) {
    const r = await esbuild.build(b);
    const bytes = Object.entries(r.metafile.outputs).filter(([f]) => f.endsWith(".js")).reduce((n, [, o]) => n + o.bytes, 0);
    console.log(`${b.outfile ?? Object.keys(b.entryPoints).map((e) => `dist/${e}.js`)}: ${(bytes / 1024).toFixed(0)} KiB`);
  }
}
// dockerode's BuildKit session loads its .proto files at run time from next to the bundle.
import fs from 'node:fs';
fs.cpSync('node_modules/dockerode/lib/proto', 'dist/proto', { recursive: true });
