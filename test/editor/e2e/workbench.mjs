// E2E: package the .vsix, install it into code-server, drive the workbench in Chromium.
// Each file in scenarios/ exports { name, setup(ws), run(page, ctx) }. Screenshots go to one known folder,
// test-results/e2e-screenshots (DSC_SHOTS overrides), emptied at the start of a run: CI keeps it as an
// artifact, and the README's and the walkthrough's pictures are copied from it (media/readme/).
// DSC_E2E_ONLY (a regular expression over scenario file names, e.g. '30|50') runs some scenarios only.
import fs from 'node:fs';
import path from 'node:path';
import { runDir, startCodeServer, launchChromium, sh, csArgs, CODE_SERVER } from '../codeserver.mjs';

/** The extension's log files under a code-server user-data folder, joined (oldest first). */
function logText(userData) {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('Data Science Containers.log')) files.push(p);
    }
  };
  if (fs.existsSync(path.join(userData, 'logs'))) walk(path.join(userData, 'logs'));
  return files
    .sort()
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('');
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');

export async function runE2E() {
  const d = runDir('e2e-');
  const shots = process.env.DSC_SHOTS || path.join(ROOT, 'test-results', 'e2e-screenshots');
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const vsix = path.join(d.dir, 'ds-containers.vsix');
  await sh(
    [
      path.join(ROOT, 'node_modules/.bin/vsce'),
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      // The README's pictures are files of the package (media/readme), not URLs of a repository.
      '--no-rewrite-relative-links',
      '-o',
      vsix,
    ],
    process.env,
  );
  await sh([CODE_SERVER, ...csArgs(d), '--install-extension', vsix], d.env);
  console.log(`e2e: installed ${path.basename(vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`);

  const dir = path.join(ROOT, 'test/editor/e2e/scenarios');
  const scenarios = [];
  for (const f of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.mjs') && new RegExp(process.env.DSC_E2E_ONLY || '.').test(f))
    .sort())
    scenarios.push(await import(path.join(dir, f)));
  for (const s of scenarios) await s.setup?.(d.ws);

  const cs = await startCodeServer(d);
  let browser,
    passed = 0,
    failed = 0;
  try {
    browser = await launchChromium(path.join(d.dir, 'chrome'));
    const page = browser.pages()[0] || (await browser.newPage());
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(d.ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    // the extension host is up once the status bar settles; scenarios wait for their own parts
    await page.locator('.statusbar').first().waitFor({ timeout: 60000 });
    const ctx = {
      ws: d.ws,
      // code-server's address: a scenario may open another folder in a page of its own (`/?folder=…`).
      url: cs.url,
      shots,
      // Installs a .vsix into this code-server while it runs; the next window reload loads it.
      installExtension: (vsix) => sh([CODE_SERVER, ...csArgs(d), '--install-extension', vsix], d.env),
      reload: async () => {
        await ctx.command('Developer: Reload Window');
        await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
        await page.locator('.statusbar').first().waitFor({ timeout: 60000 });
      },
      shot: async (name) => {
        const f = path.join(shots, `${name}.png`);
        await page.screenshot({ path: f });
        return f;
      },
      command: async (title) => {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 15000 });
        await input.fill(`>${title}`);
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: title })
          .first()
          .waitFor({ timeout: 15000 });
        await page.keyboard.press('Enter');
      },
      /**
       * The row of a view that holds `text`, scrolled into sight: a list renders only the rows in view, and a
       * view with many rows (projects, containers left by earlier tiers) may hold it below the fold.
       */
      rowIn: async (view, text, ms = 60000) => {
        const pane = page.locator(`.pane:has(.pane-header[aria-label^="${view}"])`);
        const row = pane.locator('.monaco-list-row').filter({ hasText: text }).first();
        const end = Date.now() + ms;
        for (let i = 1; !(await row.isVisible()); i++) {
          if (Date.now() > end) throw new Error(`no row "${text}" in the ${view} view within ${ms} ms`);
          await pane
            .locator('.monaco-list')
            .first()
            .hover({ timeout: 5000 })
            .catch(() => undefined);
          // down a screen at a time, back to the top now and then (the row may also appear above)
          await page.mouse.wheel(0, i % 10 ? 200 : -100000);
          await page.waitForTimeout(500);
        }
        return row;
      },
      /**
       * What the extension has written to its log so far (every "Data Science Containers" log file of this
       * code-server). A closing message is a toast that hides on its own after a while, and not while another
       * window has focus: a command's end is waited for here, where it stays, and the toast is only pictured.
       */
      log: () => logText(d.ud),
      /** Waits until the log holds `text` beyond `from` characters (a `ctx.log().length` taken before). */
      logged: async (text, from = 0, ms = 300000) => {
        const end = Date.now() + ms;
        while (!logText(d.ud).slice(from).includes(text)) {
          if (Date.now() > end) {
            const tail = logText(d.ud).slice(from).split('\n').slice(-8).join('\n        ');
            throw new Error(`the log never said "${text}" within ${ms} ms; its last lines:\n        ${tail}`);
          }
          await page.waitForTimeout(500);
        }
      },
      /** Our activity-bar icon: the Images, Containers and Project views. */
      // A click on the active container's icon would hide the sidebar: click only when it is not shown.
      openSidebar: async () => {
        const item = page.locator('.activitybar .action-item:has(a[aria-label^="Data Science Containers"])').first();
        await item.waitFor({ timeout: 30000 });
        const shown = /\bchecked\b/.test((await item.getAttribute('class')) ?? '');
        if (!shown || !(await page.locator('.part.sidebar').isVisible())) await item.locator('a').click();
      },
      openFile: async (rel) => {
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 15000 });
        await input.fill(rel);
        // pick the row for this very file: several folders may hold a file of the same name
        const dir = path.dirname(rel);
        let row = page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(rel) });
        if (dir !== '.') row = row.filter({ hasText: dir });
        await row.first().waitFor({ timeout: 15000 });
        await row.first().click();
        const crumbs = page.locator('.breadcrumbs-control').first();
        await crumbs.filter({ hasText: path.basename(rel) }).waitFor({ timeout: 15000 });
        if (dir !== '.') await crumbs.filter({ hasText: path.basename(dir) }).waitFor({ timeout: 15000 });
      },
    };
    for (const s of scenarios) {
      try {
        await s.run(page, ctx);
        passed++;
        console.log(`  ✔ e2e ${s.name}`);
      } catch (e) {
        failed++;
        console.log(
          `  ✖ e2e ${s.name}\n      ${String(e.stack || e)
            .split('\n')
            .slice(0, 4)
            .join('\n      ')}`,
        );
        await ctx.shot(`FAILED-${s.name.replace(/\W+/g, '-')}`).catch(() => {});
      }
    }
  } finally {
    await browser?.close();
    cs.stop();
  }
  console.log(`e2e screenshots: ${shots}`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return { passed, failed };
}
