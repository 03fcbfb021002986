// One line used to hang the linter: `RUN pip install a<U+00A0>b` (a no-break space pasted from a web
// page; U+FEFF too). The word loop skipped blanks by one notion of whitespace and ended words by
// another, pushed empty words forever and ran out of heap. Run in a child process with a timeout
// and a small heap, so a regression fails this test instead of freezing the whole unit tier.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'path';

const LINT = path.resolve(__dirname, '../../src/core/dockerfile/lint.js');
const RULES = path.resolve(__dirname, '../../src/core/dockerfile/rules/index.js');

function lintInChild(text: string): { status: number | null; out: string; err: string } {
  const script = `const { lintDockerfile } = require(${JSON.stringify(LINT)});
const { dscFindings } = require(${JSON.stringify(RULES)});
const f = lintDockerfile(process.argv[1], { extraRules: (t) => dscFindings(t) });
process.stdout.write(JSON.stringify(f.map((x) => x.code)));`;
  const r = spawnSync(process.execPath, ['--max-old-space-size=128', '-e', script, text], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

for (const [name, ch] of [
  ['no-break space', '\u00a0'],
  ['BOM', '\ufeff'],
  ['ideographic space', '\u3000'],
  ['line separator', '\u2028'],
]) {
  test(`${name} inside a RUN's pip install: the lint finishes and reports`, () => {
    const r = lintInChild(`FROM python:3.11-slim\nRUN pip install --no-cache-dir a${ch}b==1\n`);
    assert.equal(r.status, 0, `exit ${r.status} ${r.err.slice(0, 300)}`);
    assert.ok(Array.isArray(JSON.parse(r.out)));
  });
}

test('the shell word splitter keeps a Unicode space inside its word, as the shell does', async () => {
  const { commandWords } = await import('../../src/core/dockerfile/tokens');
  const text = 'pip install a\u00a0b \ufeffc\\\nd "e f"';
  assert.deepEqual(
    commandWords(text, 0).map((w) => w.value),
    ['pip', 'install', 'a\u00a0b', '\ufeffcd', 'e f'],
  );
});

test('a time budget stops starting rules once spent and names the rules it left out', async () => {
  const { dscLint, dscRules } = await import('../../src/core/dockerfile/rules');
  const text = 'FROM python\nRUN pip install numpy\nCMD python app.py\n';
  const spent = dscLint(text, { budgetMs: -1 });
  assert.deepEqual(
    spent.skipped,
    // Experimental and Apptainer-readiness rules are not started in an everyday lint, so not left out either.
    dscRules.filter((r) => !r.experimental && !r.apptainer).map((r) => r.id),
  );
  assert.deepEqual(spent.findings, []);
  const ample = dscLint(text, { budgetMs: 60_000 });
  assert.deepEqual(ample.skipped, []);
  assert.ok(ample.findings.length >= 3);
});
