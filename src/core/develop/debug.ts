// "Debug in Container": the image's entry script under debugpy, listening for VS Code's Python debugger,
// and the attach configuration (also written to launch.json on request).
import { stableHostPort } from '../docker/jupyter';

/** The debugger's port for a project: the same from run to run, so a launch.json entry stays right. */
export function debugPort(projectDir: string): number {
  return stableHostPort(`${projectDir}#debugpy`, 30000, 5000);
}

/** The container command: the script under debugpy, waiting for the debugger before it runs a line. */
export function debugpyCommand(entry: string, port: number): string[] {
  // 0.0.0.0 inside the container; the port is published on 127.0.0.1 only.
  return ['python', '-m', 'debugpy', '--listen', `0.0.0.0:${port}`, '--wait-for-client', entry];
}

/** The program that tells whether the image has debugpy (exit 0) without running the project. */
export const HAS_DEBUGPY = ['python', '-c', 'import debugpy'];

/**
 * A Dockerfile for the debug run only, when the image lacks debugpy: the project's image plus debugpy, so the
 * project's own Dockerfile and image stay free of debugging tools. Installed for the image's own user
 * (`--user`: no switch to root and back, whatever that user is). Needs PyPI at build time.
 */
export function debugImageDockerfile(image: string): string {
  return `FROM ${image}\nRUN python -m pip install --no-cache-dir --user debugpy\n`;
}

export interface AttachConfig {
  name: string;
  type: 'debugpy';
  request: 'attach';
  connect: { host: string; port: number };
  pathMappings: { localRoot: string; remoteRoot: string }[];
  justMyCode: boolean;
}

/**
 * The attach configuration of VS Code's Python debugger; localRoot as launch.json writes it
 * (`${workspaceFolder}/…`).
 */
export function attachConfig(localRoot: string, port: number, remoteRoot = '/app'): AttachConfig {
  return {
    name: 'Debug in Container (ds-containers)',
    type: 'debugpy',
    request: 'attach',
    connect: { host: '127.0.0.1', port },
    pathMappings: [{ localRoot, remoteRoot }],
    justMyCode: true,
  };
}

/** localRoot for launch.json: the project relative to the workspace folder, through ${workspaceFolder}. */
export function launchLocalRoot(workspaceDir: string, projectDir: string): string {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const rel = norm(projectDir).startsWith(`${norm(workspaceDir)}/`)
    ? norm(projectDir).slice(norm(workspaceDir).length + 1)
    : '';
  return rel ? `\${workspaceFolder}/${rel}` : '${workspaceFolder}';
}

/**
 * launch.json with the configuration added (or replaced, matched by name), as JSONC edits that keep the user's
 * comments and other configurations; a new file when there is none.
 */
export function addLaunchConfiguration(launchJson: string | undefined, config: AttachConfig): string {
  const { modify, applyEdits, parse } = require('jsonc-parser') as typeof import('jsonc-parser');
  const text = launchJson?.trim() ? launchJson : '{\n  "version": "0.2.0",\n  "configurations": []\n}\n';
  const current = parse(text, [], { allowTrailingComma: true }) as { configurations?: { name?: string }[] } | undefined;
  const list = Array.isArray(current?.configurations) ? current!.configurations : undefined;
  const at = list ? list.findIndex((c) => c?.name === config.name) : -1;
  const path = !list ? ['configurations'] : ['configurations', at >= 0 ? at : list.length];
  const value = !list ? [config] : config;
  const fmt = { formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' }, isArrayInsertion: !!list && at < 0 };
  return applyEdits(text, modify(text, path, value, fmt));
}
