// `npm run bench`: runs every compiled benchmark (out/bench/*.bench.js) in turn; each prints its figures.
// Benchmarks measure; they never fail a build on a timing (targets are printed beside the figures).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const dir = path.resolve('out/bench');
if (!fs.existsSync(dir)) {
  console.error('bench: run `npm run build` first');
  process.exit(2);
}
const only = process.argv[2];
let failed = 0;
for (const f of fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js') && (!only || f.includes(only)))
  .sort()) {
  console.log(`\n## ${f.replace(/\.bench\.js$/, '')}`);
  const r = spawnSync('node', ['--expose-gc', path.join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(benchmark ${f} exited ${r.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
