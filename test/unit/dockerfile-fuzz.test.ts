// Deterministic mutations of real Dockerfiles: whatever the bytes (Unicode spaces, BOMs, NUL, lone
// surrogates, CRLF, unterminated heredocs, quotes and continuations), the full lint and every quick
// fix it offers return, never throw, and report positions inside the text. The cases run in a worker
// with a small heap and a deadline, so a rule that loops fails this test (naming the input) instead
// of freezing the unit tier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT, mutatedDockerfiles } from './dockerfile-mutations';

// Runs in the worker: lint each case, ask for the fixes of each finding, check the positions.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { lintDockerfile } = require(workerData.lint);
const { dscFindings, dscFixes } = require(workerData.rules);
let findings = 0;
for (const [k, text] of workerData.cases.entries()) {
  parentPort.postMessage({ at: k });
  const lines = text.split(/\\r\\n|\\r|\\n/).length;
  const all = lintDockerfile(text, { extraRules: (t) => dscFindings(t) });
  for (const f of all) {
    if (!(f.line >= 0 && f.line <= f.endLine && f.endLine < lines)) throw new Error('case ' + k + ': bad range ' + JSON.stringify(f));
    if (/could not (check|read) this file/.test(f.message)) throw new Error('case ' + k + ': ' + f.message);
    if (f.source === 'dsc' && k % 8 === 0) for (const fix of dscFixes(text, f)) if (!Array.isArray(fix.edits)) throw new Error('case ' + k + ': bad fix');
  }
  findings += all.length;
}
parentPort.postMessage({ done: workerData.cases.length, findings });
`;

function runCases(cases: string[], deadlineMs: number): Promise<{ done: number; findings: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, {
      eval: true,
      workerData: {
        cases,
        lint: path.join(ROOT, 'out/src/core/dockerfile/lint.js'),
        rules: path.join(ROOT, 'out/src/core/dockerfile/rules/index.js'),
      },
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    let at = -1;
    const show = () => JSON.stringify(cases[at]).slice(0, 400);
    const timer = setTimeout(() => {
      void w.terminate();
      reject(new Error(`no answer within ${deadlineMs} ms at case ${at}: ${show()}`));
    }, deadlineMs);
    w.on('message', (m: { at?: number; done?: number; findings?: number }) => {
      if (m.at !== undefined) at = m.at;
      else {
        clearTimeout(timer);
        void w.terminate();
        resolve(m as { done: number; findings: number });
      }
    });
    w.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`case ${at} failed: ${e.message}: ${show()}`));
    });
  });
}

test('thousands of mutated Dockerfiles: the lint and its fixes return for each, never throw, positions in range', async () => {
  const cases = mutatedDockerfiles(2000);
  assert.ok(
    cases.some((c) => c.includes('\u00a0')) &&
      cases.some((c) => c.includes('\ud800')) &&
      cases.some((c) => c.includes('\r\n')),
  );
  // The deadline is a hang guard for the whole batch, far above its normal run time; not a benchmark.
  const r = await runCases(cases, 120_000);
  assert.equal(r.done, cases.length);
  assert.ok(r.findings > cases.length, 'the rules did look at the mutated files');
});
