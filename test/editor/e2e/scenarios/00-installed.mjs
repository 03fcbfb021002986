// The packaged .vsix is installed and recognised by the workbench.
export const name = 'the packaged extension is listed as installed';

export async function run(page, ctx) {
  await page.locator('.activitybar [aria-label^="Extensions"]').first().click();
  // the search box is a small Monaco editor: click its container, the textarea itself is hidden
  const search = page.locator('.extensions-viewlet .suggest-input-container').first();
  await search.waitFor({ timeout: 30000 });
  await search.click();
  await page.keyboard.type('@installed data science');
  await page
    .locator('.extensions-viewlet .extension-list-item', { hasText: 'Data Science Containers' })
    .first()
    .waitFor({ timeout: 30000 });
  await ctx.shot('installed-extension');
  await page.locator('.activitybar [aria-label^="Explorer"]').first().click();
}
