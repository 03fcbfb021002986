// The mocha suite (out/test/editor/suite) inside code-server's real extension host, driven by Chromium
// the way @vscode/test-web does it: the `payload` query carries extensionDevelopmentPath/TestsPath.
import fs from 'node:fs';
import path from 'node:path';
import { runDir, startCodeServer, launchChromium, within } from './codeserver.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Runs one mocha suite (an index.js under out/test/editor) in a trusted or an untrusted workspace. */
export async function runSuite({ index = 'out/test/editor/suite/index.js', trusted = true } = {}) {
  const d = runDir(trusted ? 'suite-' : 'untrusted-', { trusted });
  const fixtures = path.join(ROOT, 'test/fixtures/editor-workspace');
  if (fs.existsSync(fixtures)) fs.cpSync(fixtures, d.ws, { recursive: true });
  // A stand-in for the Python extension, installed next to ours for the suite only (the E2E installs
  // our .vsix alone). Not a second extensionDevelopmentPath: code-server 4.100.3 reads the payload
  // into a Map, so only the last of several entries is loaded (measured).
  fs.cpSync(path.join(ROOT, 'test/fixtures/python-extension-standin'), path.join(d.exts, 'ms-python.python-0.0.1'), {
    recursive: true,
  });
  fs.cpSync(path.join(ROOT, 'test/fixtures/jupyter-extension-standin'), path.join(d.exts, 'ms-toolsai.jupyter-0.0.1'), {
    recursive: true,
  });
  const results = path.join(d.dir, 'results.json');
  // DSC_USER_DATA_DIR: where the suite finds the User/settings.json the extension writes (to prove what is not in it).
  const cs = await startCodeServer(d, {
    DSC_TEST_RESULTS: results,
    DSC_TEST_GREP: process.env.DSC_TEST_GREP || '',
    DSC_USER_DATA_DIR: d.ud,
  });
  let browser;
  try {
    browser = await launchChromium(path.join(d.dir, 'chrome'));
    const page = browser.pages()[0] || (await browser.newPage());
    const done = new Promise((resolve) => {
      page.exposeFunction('codeAutomationLog', () => {});
      page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(ROOT, index))],
    ];
    await page.goto(
      `${cs.url}/?folder=${encodeURIComponent(d.ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    // The suite builds and runs real images (about 70 tests): 30 minutes at most, DSC_SUITE_TIMEOUT to change.
    const code = await within(+(process.env.DSC_SUITE_TIMEOUT || 1800000), done, 'extension test suite').catch((e) => {
      const seen = fs.existsSync(`${results}.progress`) ? fs.readFileSync(`${results}.progress`, 'utf8').trim() : '';
      const lines = seen ? seen.split('\n') : [];
      throw new Error(`${e.message}; ${lines.length} tests had finished, the last: ${lines.at(-1) ?? 'none'}`);
    });
    if (!fs.existsSync(results)) {
      const tail = fs
        .readFileSync(cs.logFile, 'utf8')
        .split('\n')
        .filter((l) => /rror/.test(l))
        .slice(-20)
        .join('\n');
      throw new Error(`the suite wrote no results (exit ${code}); code-server log ${cs.logFile}:\n${tail}`);
    }
    return { code, ...JSON.parse(fs.readFileSync(results, 'utf8')) };
  } finally {
    await browser?.close();
    cs.stop();
  }
}
