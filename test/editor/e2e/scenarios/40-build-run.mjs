// Build from the Dockerfile's CodeLens in the real workbench; the layer hints appear after it.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export const name = 'build-run: CodeLens Build, then layer size hints; Run of a crashing script says so';
const DIR = 'dsc-test-build-e2e';
const TAG = 'dsc-test-build-e2e:latest';

export function setup(ws) {
  const d = path.join(ws, DIR);
  fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(
    path.join(d, 'Dockerfile'),
    'FROM local/python:3.11-scipy\nWORKDIR /app\nCOPY main.py .\nCMD ["python", "main.py"]\n',
  );
  // It crashes as a script run without its arguments does (issue 27: a crash was reported as a success).
  fs.writeFileSync(
    path.join(d, 'main.py'),
    `print("e2e ${Date.now()}")\nraise ValueError("no --data given: run with --data=FILE.csv")\n`,
  );
}

export async function run(page, ctx) {
  try {
    await ctx.openFile(`${DIR}/Dockerfile`);
    const build = page.locator('.codelens-decoration a', { hasText: 'Build' }).first();
    await build.waitFor({ timeout: 60000 });
    await ctx.shot('build-run-codelens');
    await build.click();
    // After the build the editor shows "+SIZE" after the instructions (inlay hints).
    await page.waitForFunction(
      () => /\+[\d.]+\s?(B|kB|MB)/.test(document.querySelector('.editor-instance .view-lines')?.textContent ?? ''),
      null,
      { timeout: 120000 },
    );
    const text = await page.locator('.editor-instance .view-lines').first().textContent();
    if (!/(MB|GB)\s·\s.+\sold/.test(text ?? '')) throw new Error(`no base image hint on FROM: ${text}`);
    await ctx.shot('build-run-layer-hints');
    await page.locator('.codelens-decoration a', { hasText: 'Run' }).first().click();
    const crash = page.locator('.notifications-toasts .notification-toast', {
      hasText: `${TAG} exited with code 1: ValueError: no --data given`,
    });
    await crash.first().waitFor({ timeout: 120000 });
    await crash.first().locator('.monaco-button', { hasText: 'Show Logs' }).waitFor({ timeout: 5000 });
    await ctx.shot('build-run-crash-reported');
  } finally {
    try {
      execFileSync('docker', ['rmi', '-f', TAG], { stdio: 'ignore' });
    } catch {
      /* not built */
    }
  }
}
