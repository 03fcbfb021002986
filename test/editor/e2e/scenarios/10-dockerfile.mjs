// A Dockerfile with a problem, opened in the workbench: the Problems panel lists it.
import fs from 'node:fs';
import path from 'node:path';

export const name = 'dockerfile problems';

const REL = 'e2e-dockerfile/Dockerfile';

export function setup(ws) {
  fs.mkdirSync(path.join(ws, path.dirname(REL)), { recursive: true });
  fs.writeFileSync(
    path.join(ws, REL),
    [
      'FROM python:3.11-slim',
      'WORKDIR /app',
      'COPY requirements.txt .',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'COPY . .',
      'EXPOS 8888',
      'CMD ["python", "main.py"]',
      '',
    ].join('\n'),
  );
}

export async function run(page, ctx) {
  await ctx.openFile(REL);
  await ctx.command('View: Focus Problems');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Unknown instruction: EXPOS' });
  await row.first().waitFor({ timeout: 30000 });
  // the squiggle in the editor too, on line 6
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 15000 });
  const text = await page.locator('.markers-panel').innerText();
  if (!/\[Ln 6, Col 1\]/.test(text)) throw new Error(`the problem is not pinned to line 6:\n${text}`);
  await ctx.shot('dockerfile-problems');
}
