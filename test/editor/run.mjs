// Editor tier: the mocha suite inside a real extension host, then the E2E on the packaged .vsix.
import { missing } from './codeserver.mjs';
import { unavailable } from '../tiers.mjs';
import { runSuite } from './exttest.mjs';
import { runE2E } from './e2e/workbench.mjs';

const why = missing();
if (why) unavailable('editor', why);

let passed = 0,
  failed = 0;
const suites = [
  ['extension host suite', {}],
  ['untrusted workspace suite', { index: 'out/test/editor/untrusted/index.js', trusted: false }],
];
for (const [label, opts] of process.env.DSC_E2E_ONLY ? [] : suites) {
  try {
    const r = await runSuite(opts);
    for (const t of r.tests)
      console.log(
        `${t.state === 'passed' ? '  ✔' : '  ✖'} ${t.title}${t.error ? `\n      ${t.error.replace(/\n/g, '\n      ')}` : ''}`,
      );
    passed += r.passed;
    failed += r.failed;
    console.log(`${label}: ${r.passed} passed, ${r.failed} failed`);
  } catch (e) {
    console.error(`${label} could not run: ${e.message}`);
    failed++;
  }
}
if (!process.env.DSC_SKIP_E2E) {
  try {
    const r = await runE2E();
    passed += r.passed;
    failed += r.failed;
  } catch (e) {
    console.error(`E2E could not run: ${e.stack || e.message}`);
    failed++;
  }
}
console.log(`editor: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
