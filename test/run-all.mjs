// `npm test`: builds, then every tier in order (unit, docker, editor), then one closing line for the whole run.
import { run, counts } from './tiers.mjs';

// The tiers run the compiled tests (out/) and the bundles (dist/): build them from the sources first.
const built = await run(['npm', 'run', '--silent', 'build']);
if (built.code !== 0) {
  console.log('build failed: no tier ran');
  process.exit(1);
}

const tiers = [
  ['unit', ['node', '--test', '--test-reporter=spec', 'out/test/unit/']],
  ['docker', ['node', 'test/docker/run.mjs']],
  ['editor', ['node', 'test/editor/run.mjs']],
];
const total = { passed: 0, failed: 0, skipped: 0 };
let bad = false;
for (const [name, argv] of tiers) {
  console.log(`\n=== ${name} tier`);
  const r = await run(argv);
  const c = counts(r.text);
  if (r.code !== 0 && c.failed === 0) c.failed = 1; // a crash with no count is still a failure
  bad ||= r.code !== 0;
  console.log(`=== ${name} tier: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (exit ${r.code})`);
  for (const k of Object.keys(total)) total[k] += c[k];
}
console.log(`\ntotal: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = bad ? 1 : 0;
