// The Docker explorer in the sidebar: a few real containers (a compose project, a running one with
// a published port, an exited one), our activity-bar container opened, a screenshot.
import { execFileSync } from 'node:child_process';

export const name = 'explorer sidebar lists images and containers';
const P = 'dsc-test-explorer-e2e-';
const docker = (...args) =>
  execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const names = [`${P}notebook`, `${P}worker`, `${P}web`, `${P}old-run`];

function cleanup() {
  for (const n of names) {
    try {
      docker('rm', '-f', n);
    } catch {
      /* not there */
    }
  }
}

export function setup() {
  cleanup();
  const compose = ['--label', 'com.docker.compose.project=churn-analysis'];
  docker(
    'run',
    '-d',
    '--init',
    '--name',
    names[0],
    ...compose,
    '--label',
    'com.docker.compose.service=notebook',
    '-p',
    '127.0.0.1::8888',
    'local/jupyter:3.11',
    'sleep',
    '900',
  );
  docker(
    'create',
    '--init',
    '--name',
    names[1],
    ...compose,
    '--label',
    'com.docker.compose.service=worker',
    'local/python:3.11-scipy',
    'sleep',
    '900',
  );
  docker(
    'run',
    '-d',
    '--init',
    '--name',
    names[2],
    '-p',
    '127.0.0.1::8000',
    'python:3.11-slim',
    'python3',
    '-m',
    'http.server',
    '8000',
  );
  docker('run', '--name', names[3], 'python:3.11-slim', 'python3', '-c', 'print("done")');
}

export async function run(page, ctx) {
  try {
    await ctx.openSidebar();
    // Rows are sorted by name, and an engine that the docker tier used first holds many more images and
    // containers: the rows looked for may be below the fold of a short pane, so scroll to them.
    await ctx.rowIn('Images', 'local/python');
    await ctx.rowIn('Containers', `${P}notebook`);
    // Exited containers sort last: on an engine with more containers the row may be below the fold.
    await ctx.rowIn('Containers', `${P}old-run`, 30000);
    // the status bar names the engine
    await page.locator('.statusbar-item', { hasText: 'Docker' }).first().waitFor({ timeout: 30000 });
    // widen the sidebar so descriptions (status, ports, sizes) are readable in the picture
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width + 1,
        y = sidebar.y + sidebar.height / 2;
      await page.mouse.move(x, y);
      await page.waitForTimeout(300); // the sash reacts to hover before a drag
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(x + i * 25, y);
      await page.mouse.up();
    }
    await page.waitForTimeout(500);
    await ctx.shot('explorer-sidebar');
  } finally {
    cleanup();
  }
}
