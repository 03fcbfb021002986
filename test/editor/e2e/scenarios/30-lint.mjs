// Data-science lint in the workbench: a Dockerfile with a heredoc and DSC problems, seen in the
// Problems panel, with the hover doc of a rule; a requirements.txt with its own diagnostics.
import fs from 'node:fs';
import path from 'node:path';

export const name = 'data-science lint';

const DOCKERFILE = 'e2e-lint/Dockerfile';

export function setup(ws) {
  fs.mkdirSync(path.join(ws, 'e2e-lint'), { recursive: true });
  fs.writeFileSync(
    path.join(ws, DOCKERFILE),
    [
      'FROM python',
      'WORKDIR /app',
      'COPY requirements.txt ./',
      'RUN pip install --no-cache-dir -r requirements.txt',
      'RUN python3 <<EOF',
      'import sys',
      'print(sys.version)',
      'EOF',
      'COPY . .',
      'CMD ["python", "main.py"]',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(ws, 'e2e-lint/requirements.txt'), 'numpy==1.26.4\nbad ==\n');
}

export async function run(page, ctx) {
  await ctx.openFile(DOCKERFILE);
  await ctx.command('View: Focus Problems');
  for (const code of ['DSC003', 'DSC004']) {
    await page.locator('.markers-panel .monaco-list-row', { hasText: code }).first().waitFor({ timeout: 30000 });
  }
  const text = await page.locator('.markers-panel').innerText();
  if (!/DSC003[\s\S]*\[Ln 1, Col 6\]/.test(text)) throw new Error(`DSC003 is not pinned to line 1:\n${text}`);
  await ctx.shot('lint-dockerfile-problems');
  await ctx.openFile('e2e-lint/requirements.txt');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'DSC101' }).first().waitFor({ timeout: 30000 });
  await ctx.shot('lint-requirements-problems');
}
