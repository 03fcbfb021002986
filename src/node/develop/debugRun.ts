// "Debug in Container": runs the project's image with its entry under debugpy, waiting on a 127.0.0.1 port.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../docker/engine';
import { buildProject } from '../docker/build';
import { debugImageDockerfile, debugpyCommand, HAS_DEBUGPY } from '../../core/develop/debug';
import { imageWorkdir } from '../../core/generate';
import { runLabels } from '../docker/run';

export interface DebugRunRequest {
  dir: string;
  tag: string;
  /** The script, relative to the project (and to the image's working directory). */
  entry: string;
  port: number;
  onOutput: (text: string) => void;
  /** Told before a debug image with debugpy is built (it needs PyPI). */
  onBuildingDebugImage?: (tag: string) => void;
}

/** Whether python in the image imports debugpy (a throwaway container, removed at once). */
export async function imageHasDebugpy(engine: Engine, tag: string): Promise<boolean> {
  const run = await engine.startRun(
    { image: tag, ports: [], autoRemove: true, labels: {}, entrypoint: HAS_DEBUGPY, cmd: [] },
    () => undefined,
  );
  return (await run.exit) === 0;
}

/**
 * Starts the debug container: the project bind-mounted where the image keeps the code (breakpoints in your
 * files are the lines that run), debugpy on `port`, published on 127.0.0.1 only. When the image has no
 * debugpy, a `TAG-debug` image adds it (the project's own image is left as it is).
 */
export async function startDebugRun(
  engine: Engine,
  req: DebugRunRequest,
): Promise<{ id: string; image: string; exit: Promise<number> }> {
  let image = req.tag;
  if (!(await imageHasDebugpy(engine, req.tag))) {
    image = `${req.tag.replace(/:[^:/]*$/, '')}:debugpy`;
    req.onBuildingDebugImage?.(image);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-debug-image-'));
    try {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), debugImageDockerfile(req.tag));
      const out = await buildProject(engine, {
        dir,
        tag: image,
        onEvent: (e) => e.kind === 'log' && req.onOutput(e.text),
      });
      if (!out.ok) throw new Error(`could not add debugpy to ${req.tag}: ${out.cause ?? out.error ?? 'build failed'}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const decoder = new TextDecoder();
  const run = await engine.startRun(
    {
      image,
      name: `${path.basename(req.dir).replace(/[^a-zA-Z0-9_.-]/g, '-')}-debug-${Date.now().toString(36)}`.replace(
        /^[^a-zA-Z0-9]+/,
        '',
      ),
      ports: [req.port],
      autoRemove: true,
      labels: { ...runLabels(req.dir, req.tag, 'script'), 'dsContainers.debug': String(req.port) },
      entrypoint: debugpyCommand(req.entry, req.port),
      cmd: [],
      mount: { host: path.resolve(req.dir), container: imageWorkdir },
    },
    (_s, d) => req.onOutput(decoder.decode(d, { stream: true })),
    { strictPorts: true },
  );
  return { id: run.id, image, exit: run.exit };
}
