import { AppFramework, ProjectSpec } from '../project';
import { entryProgram } from '../python/launch';
import { normalizeName } from '../requirements/names';

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
    return { env: [], cmd: entryCommand(spec, entry), notes: [] };
  }
  // The app's own `__main__` starts it (it loads its model first): run the file, with the documented arguments.
  if (spec.args && (spec.framework === 'flask' || spec.framework === 'fastapi')) {
    return {
      env: [],
      cmd: entryCommand(spec, entry),
      healthPath: spec.framework === 'fastapi' ? '/docs' : '/',
      notes: [`${entry} starts the server itself under \`if __name__ == "__main__":\` (it sets up first).`],
    };
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
      // `--app` came with Flask 2.2; FLASK_APP works in every release (a project pinning Flask 1.0.2 gets it).
      if (flaskBefore22(spec))
        return {
          env: [['FLASK_APP', entry]],
          cmd: ['python', '-m', 'flask', 'run', '--host=0.0.0.0', `--port=${port}`],
          healthPath: '/',
          notes: ["Flask's development server on 0.0.0.0 (--host); FLASK_APP names the app (Flask before 2.2)."],
        };
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

/**
 * The entry's command with its arguments: `python FILE ARGS`, `python -m PKG ARGS` for a package's `__main__.py`
 * (its relative imports need the package), `snakemake --snakefile FILE ARGS` for a Snakefile.
 */
function entryCommand(spec: ProjectSpec, entry: string): string[] {
  const args = spec.args ?? [];
  const program = entryProgram(entry);
  if (program === 'snakemake') return ['snakemake', '--snakefile', entry, ...args];
  if (program === 'module') {
    const pkg = entry.replace(/\/__main__\.py$/, '');
    const inSrc = pkg.startsWith('src/') && spec.importRoots?.includes('src');
    return ['python', '-m', (inSrc ? pkg.slice(4) : pkg).replace(/\//g, '.'), ...args];
  }
  return ['python', entry, ...args];
}

/** The spec pins Flask below 2.2 (`flask --app` does not exist there). */
function flaskBefore22(spec: ProjectSpec): boolean {
  const v = spec.requirements.find((r) => normalizeName(r.name) === 'flask')?.version;
  const m = v && /^(\d+)\.(\d+)/.exec(v);
  return !!m && (Number(m[1]) < 2 || (Number(m[1]) === 2 && Number(m[2]) < 2));
}

/** `src/api/main.py` → module `api.main` with app dir `src`; `app/main.py` → `app.main`. */
function moduleOf(entry: string): { module: string; appDir?: string } {
  const parts = entry.replace(/\\/g, '/').replace(/\.py$/, '').split('/');
  if (parts.length > 1 && parts[0] === 'src') return { module: parts.slice(1).join('.'), appDir: 'src' };
  return { module: parts.join('.') };
}
