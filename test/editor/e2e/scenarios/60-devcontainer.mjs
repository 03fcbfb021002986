// Containerize offers and writes .devcontainer/devcontainer.json. Its last message and the Project view offer
// "Reopen in Container" only when Microsoft's Dev Containers extension is installed: first without it (the
// offer says how instead), then with a stand-in of it installed into the running code-server and the window
// reloaded, whose "Reopen in Container" command records that it was asked.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export const name = 'devcontainer: Containerize writes it; Reopen in Container only with Dev Containers';
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const DIR = 'dsc-test-devc-e2e';
// neither name holds the other: rows and Quick Open entries are matched by the text they contain
const PROJECTS = ['absent', 'present'];
const tagOf = (p) => `${DIR}-${p}:latest`;
const MARKER = '.dsc-reopen-requested';
const DEVCONTAINER = '.devcontainer/devcontainer.json';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let vsix;

const docker = (...args) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
function cleanup() {
  for (const p of PROJECTS) {
    try {
      const ids = docker('ps', '-aq', '--filter', `ancestor=${tagOf(p)}`)
        .split('\n')
        .filter(Boolean);
      if (ids.length) docker('rm', '-f', ...ids);
      docker('rmi', '-f', tagOf(p));
    } catch {
      /* not built */
    }
  }
}

export function setup(ws) {
  cleanup();
  for (const p of PROJECTS) {
    const d = path.join(ws, DIR, `${DIR}-${p}`);
    fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(d, 'train.py'), 'import json\n\nprint(json.dumps({"ok": True}))\n');
  }
  // The stand-in is packaged now and installed halfway through the scenario.
  vsix = path.join(path.dirname(ws), 'devcontainers-standin.vsix');
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix],
    { cwd: path.join(ROOT, 'test/fixtures/devcontainers-extension-standin'), stdio: 'ignore' },
  );
}

/** Right-click the project folder in the Explorer → Containerize Project → "Write files" in the preview. */
async function containerize(page, ctx, project) {
  // Reveal the project's script: the Explorer expands its folder and scrolls it into sight (a list renders only
  // the rows in view, and clicking a parent that is already expanding would fold it again).
  await ctx.openFile(`${DIR}/${DIR}-${project}/train.py`);
  await ctx.command('File: Reveal Active File in Explorer View');
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: `${DIR}-${project}` }).first();
  await row.waitFor({ timeout: 30000 });
  // Our menu entry appears once the extension host has registered the extension: retry until then.
  const entry = page.locator('.context-view .action-label', { hasText: 'Containerize Project' }).first();
  for (let i = 0; ; i++) {
    await row.click({ button: 'right' });
    if (
      await entry.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      )
    )
      break;
    await page.keyboard.press('Escape');
    if (i === 20) throw new Error('no "Containerize Project" in the folder\'s context menu');
  }
  // A menu ignores a click that comes right after it opened (the right-click's own release): click until it closes.
  for (let i = 0; (await entry.isVisible()) && i < 5; i++) {
    await page.waitForTimeout(300);
    await entry.click().catch(() => undefined);
  }
  const write = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Write files' }).first();
  await write.waitFor({ timeout: 60000 });
  const offered = await write.textContent();
  if (!offered.includes(DEVCONTAINER)) throw new Error(`the preview does not offer ${DEVCONTAINER}: ${offered}`);
  await ctx.shot(`devcontainer-preview-${project}`);
  await write.click();
  const toast = page.locator('.notification-toast', { hasText: 'Wrote .devcontainer/devcontainer.json' }).first();
  await toast.waitFor({ timeout: 60000 });
  const file = path.join(ctx.ws, DIR, `${DIR}-${project}`, DEVCONTAINER);
  // JSON with comments: the generator's header is whole comment lines
  const config = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\s*\/\/.*$/gm, ''));
  if (config.build?.dockerfile !== '../Dockerfile') throw new Error(`${file}: ${JSON.stringify(config.build)}`);
  return toast;
}

const buttons = async (toast) => (await toast.locator('.monaco-button').allTextContents()).map((t) => t.trim());

/**
 * The Project view's title offers `want` and not `not` (our activity-bar container opened). Polled: after a
 * reload the menu follows a context key that our extension sets once it has activated.
 */
async function projectOffers(page, ctx, want, not) {
  // Right after a reload the view's commands exist only once the extension is registered: the restored
  // sidebar may already show the view, else try again.
  for (let i = 0; i < 10; i++) {
    if (await page.locator('.pane-header', { hasText: 'Project' }).first().isVisible()) break;
    await ctx.command('Data Science Containers: Focus on Project View').catch(() => page.keyboard.press('Escape'));
  }
  const header = page.locator('.pane-header', { hasText: 'Project' }).first();
  await header.waitFor({ timeout: 30000 });
  let seen = [];
  for (let i = 0; i < 180; i++) {
    await header.hover();
    seen = await header
      .locator('.actions .action-label')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    if (seen.includes(want) && !seen.includes(not)) return;
    await sleep(500);
  }
  throw new Error(`the Project view offers ${seen.join(', ')}: expected "${want}", not "${not}"`);
}

/** Containerize builds the image after writing: let it finish before the window reloads. */
async function built(project) {
  for (let i = 0; i < 240; i++) {
    try {
      docker('image', 'inspect', tagOf(project));
      return;
    } catch {
      await sleep(500);
    }
  }
  throw new Error(`${tagOf(project)} was not built`);
}

export async function run(page, ctx) {
  try {
    // 1. Without Dev Containers: the offer is "Develop in the Container…", which says how.
    let toast = await containerize(page, ctx, 'absent');
    let offered = await buttons(toast);
    if (!offered.includes('Develop in the Container…') || offered.includes('Reopen in Container'))
      throw new Error(`without Dev Containers the message offers ${offered.join(', ')}`);
    await ctx.shot('devcontainer-written-without-dev-containers');
    await toast.locator('.monaco-button', { hasText: 'Develop in the Container…' }).click();
    await page
      .locator('.notification-toast', { hasText: 'devcontainer up --workspace-folder' })
      .first()
      .waitFor({ timeout: 15000 });
    await projectOffers(page, ctx, 'Develop in the Container…', 'Reopen in Container');
    await ctx.shot('devcontainer-how-to-without-dev-containers');
    await built('absent');

    // 2. With the Dev Containers stand-in installed and the window reloaded: "Reopen in Container".
    await ctx.installExtension(vsix);
    await ctx.reload();
    await projectOffers(page, ctx, 'Reopen in Container', 'Develop in the Container…');
    toast = await containerize(page, ctx, 'present');
    offered = await buttons(toast);
    if (!offered.includes('Reopen in Container'))
      throw new Error(`with Dev Containers the message offers ${offered.join(', ')}`);
    await ctx.shot('devcontainer-written-with-dev-containers');
    await toast.locator('.monaco-button', { hasText: 'Reopen in Container' }).click();
    const marker = path.join(ctx.ws, MARKER);
    for (let i = 0; i < 40 && !fs.existsSync(marker); i++) await sleep(250);
    if (!fs.existsSync(marker)) throw new Error('"Reopen in Container" did not reach the Dev Containers command');
    await ctx.shot('devcontainer-reopen-requested');
    await built('present');
  } finally {
    cleanup();
  }
}
