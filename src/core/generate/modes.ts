import { AppFramework, ProjectSpec } from '../project';

/** Container port per mode / framework (the framework's own default, so docs and habits match). */
export const frameworkPorts: Record<AppFramework, number> = {
  streamlit: 8501,
  fastapi: 8000,
  flask: 5000,
  gradio: 7860,
  dash: 8050,
};
export const jupyterPort = 8888;

export function containerPort(spec: ProjectSpec): number | undefined {
  if (spec.port) return spec.port;
  if (spec.mode === 'jupyter') return jupyterPort;
  if (spec.mode === 'app' && spec.framework) return frameworkPorts[spec.framework];
  return undefined;
}

export interface ModeRuntime {
  /** Extra ENV lines (key, value), e.g. how a framework learns to bind 0.0.0.0. */
  env: [string, string][];
  cmd: string[];
  /** Path the health check requests (any HTTP answer below 500 counts as healthy). */
  healthPath?: string;
  /** Comment lines above CMD explaining how the server binds. */
  notes: string[];
}

/** What runs in the container: every server binds 0.0.0.0 inside it (compose publishes on 127.0.0.1). */
export function modeRuntime(spec: ProjectSpec): ModeRuntime {
  const port = containerPort(spec);
  const entry = spec.entry ?? 'main.py';
  if (spec.mode === 'jupyter') {
    return {
      env: [],
      // Only flags the classic notebook server accepts too; the token stays on (printed in the logs).
      cmd: ['jupyter', 'lab', '--ip=0.0.0.0', `--port=${port}`, '--no-browser'],
      notes: [
        'JupyterLab listens on all interfaces inside the container and keeps its token: open the URL from the logs.',
      ],
    };
  }
  if (spec.mode === 'script' || !spec.framework) {
    return { env: [], cmd: ['python', entry], notes: [] };
  }
  switch (spec.framework) {
    case 'streamlit':
      return {
        env: [],
        cmd: ['streamlit', 'run', entry, '--server.address=0.0.0.0', `--server.port=${port}`, '--server.headless=true'],
        healthPath: '/_stcore/health',
        notes: ['Streamlit binds 0.0.0.0 through --server.address; headless skips the e-mail prompt.'],
      };
    case 'fastapi': {
      const { module, appDir } = moduleOf(entry);
      return {
        env: [],
        // `python -m`: the module runs wherever pip put it (a distribution's package may lack the console script).
        cmd: [
          'python',
          '-m',
          'uvicorn',
          `${module}:${spec.appObject ?? 'app'}`,
          ...(appDir ? ['--app-dir', appDir] : []),
          '--host',
          '0.0.0.0',
          '--port',
          String(port),
        ],
        healthPath: '/docs',
        notes: ['uvicorn serves the FastAPI app on 0.0.0.0 (--host).'],
      };
    }
    case 'flask':
      return {
        env: [],
        cmd: ['python', '-m', 'flask', '--app', entry, 'run', '--host=0.0.0.0', `--port=${port}`],
        healthPath: '/',
        notes: ["Flask's development server on 0.0.0.0 (--host); use a WSGI server such as gunicorn in production."],
      };
    case 'gradio':
      return {
        env: [
          ['GRADIO_SERVER_NAME', '0.0.0.0'],
          ['GRADIO_SERVER_PORT', String(port)],
        ],
        cmd: ['python', entry],
        healthPath: '/',
        notes: ['Gradio reads GRADIO_SERVER_NAME / GRADIO_SERVER_PORT when launch() is given no host.'],
      };
    case 'dash':
      return {
        env: [
          ['HOST', '0.0.0.0'],
          ['PORT', String(port)],
        ],
        cmd: ['python', entry],
        healthPath: '/',
        notes: ["Dash's app.run() reads HOST / PORT when it is given no host."],
      };
  }
}

/** `src/api/main.py` → module `api.main` with app dir `src`; `app/main.py` → `app.main`. */
function moduleOf(entry: string): { module: string; appDir?: string } {
  const parts = entry.replace(/\\/g, '/').replace(/\.py$/, '').split('/');
  if (parts.length > 1 && parts[0] === 'src') return { module: parts.slice(1).join('.'), appDir: 'src' };
  return { module: parts.join('.') };
}
