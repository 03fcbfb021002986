// Shared by the tier runners: run a child, echo its output, and read its pass/fail counts.
import { spawn } from 'node:child_process';

export const inCI = !!process.env.CI;

/** Runs argv with output passed through; resolves to { code, text }. */
export function run(argv, opts = {}) {
  return new Promise((resolve) => {
    const p = spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let text = '';
    p.stdout.on('data', (d) => {
      text += d;
      process.stdout.write(d);
    });
    p.stderr.on('data', (d) => {
      text += d;
      process.stderr.write(d);
    });
    p.on('close', (code) => resolve({ code: code ?? 1, text }));
  });
}

/** Counts from node:test's spec reporter ("ℹ pass 3") or a plain "N passed, N failed" line. */
export function counts(text) {
  const num = (re) => {
    const m = [...text.matchAll(re)].pop();
    return m ? +m[1] : 0;
  };
  const plain = [...text.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/gm)].pop();
  if (plain) return { passed: +plain[1], failed: +plain[2], skipped: +(plain[3] || 0) };
  return {
    passed: num(/^(?:ℹ|#) pass (\d+)$/gm),
    failed: num(/^(?:ℹ|#) fail (\d+)$/gm),
    skipped: num(/^(?:ℹ|#) skipped (\d+)$/gm) + num(/^(?:ℹ|#) todo (\d+)$/gm),
  };
}

/** A tier that cannot run says so in one line; in CI that is a failure, elsewhere a skip. */
export function unavailable(tier, why) {
  if (inCI) {
    console.error(`${tier} tier FAILED to start: ${why}`);
    console.log(`${tier}: 0 passed, 1 failed`);
    process.exit(1);
  }
  console.log(`${tier} tier skipped: ${why}`);
  console.log(`${tier}: 0 passed, 0 failed, 1 skipped`);
  process.exit(0);
}

export function nodeTest(dir) {
  return ['node', '--test', '--test-reporter=spec', '--test-concurrency=1', dir];
}
