// Entry point the extension host calls (extensionTestsPath): runs every *.test.js here with mocha
// and writes the results where the runner outside the editor can read them.
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

interface Result {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export function run(): Promise<void> {
  return runMocha(__dirname);
}

/** Runs the *.test.js files directly in `dir` (not its subfolders: each suite has its own folder). */
export function runMocha(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  if (process.env.DSC_TEST_GREP) mocha.grep(process.env.DSC_TEST_GREP);
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(dir, f));
  }
  const tests: Result[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = tests.filter((t) => t.state === 'passed').length;
      const out = process.env.DSC_TEST_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify({ passed, failed: tests.length - passed, tests }, null, 1));
      if (failures) reject(new Error(`${failures} tests failed`));
      else resolve();
    });
    // One line per finished test beside the results, so that a suite stopped by the runner's time limit
    // still says how far it got.
    const progress = (line: string) =>
      process.env.DSC_TEST_RESULTS && fs.appendFileSync(`${process.env.DSC_TEST_RESULTS}.progress`, `${line}\n`);
    runner.on('pass', (t) => {
      tests.push({ title: t.fullTitle(), state: 'passed' });
      progress(`passed ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err) => {
      tests.push({ title: t.fullTitle(), state: 'failed', error: String(err?.stack || err).slice(0, 1500) });
      progress(`failed ${t.fullTitle()}`);
    });
  });
}
