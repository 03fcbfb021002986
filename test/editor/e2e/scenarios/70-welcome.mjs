// A folder with no code yet, opened in a window of its own: the Project view is not an empty pane but says what
// to do, with a Containerize Project… button and the Getting Started walkthrough.
import fs from 'node:fs';
import path from 'node:path';

export const name = 'an empty folder: the Project view offers Containerize and the walkthrough';
let folder = '';

export function setup(ws) {
  folder = path.join(path.dirname(ws), 'e2e-empty-folder');
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'README.md'), '# Nothing to run yet\n');
}

export async function run(page, ctx) {
  const win = await page.context().newPage();
  try {
    await win.setViewportSize(page.viewportSize() ?? { width: 1400, height: 900 });
    await win.goto(`${ctx.url}/?folder=${encodeURIComponent(folder)}`);
    await win.waitForSelector('.monaco-workbench', { timeout: 60000 });
    const icon = win.locator('.activitybar .action-item a[aria-label^="Data Science Containers"]').first();
    await icon.click({ timeout: 60000 });
    const welcome = win.locator('.pane:has(.pane-header[aria-label^="Project"]) .welcome-view-content');
    await welcome.filter({ hasText: 'No Python scripts or notebooks here yet' }).waitFor({ timeout: 60000 });
    const button = welcome.locator('.monaco-button', { hasText: 'Containerize Project…' });
    await button.waitFor({ timeout: 15000 });
    await welcome.locator('.monaco-button', { hasText: 'Getting Started' }).waitFor({ timeout: 15000 });
    await win.screenshot({ path: path.join(ctx.shots, 'welcome-empty-project.png') });
    // The button runs Containerize, which says there is no code yet and offers to start in JupyterLab.
    await button.click();
    await win.locator('.quick-input-title', { hasText: 'No Python scripts or notebooks here yet' }).waitFor({
      timeout: 60000,
    });
    await win
      .locator('.quick-input-list .monaco-list-row', { hasText: 'JupyterLab' })
      .first()
      .waitFor({ timeout: 15000 });
    await win.screenshot({ path: path.join(ctx.shots, 'welcome-empty-project-choice.png') });
    await win.keyboard.press('Escape');
  } finally {
    await win.close();
  }
}
