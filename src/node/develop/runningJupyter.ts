// A second `up` (or `run`) of a Jupyter project whose server already runs: say so, with its URL, instead of
// starting another server beside it on the next port (issue 26, defect 10).
import * as path from 'path';
import { jupyterContainers, jupyterUrlWithToken } from '../../core/develop/jupyterServers';
import { Engine } from '../docker/engine';
import { runModeOf } from '../docker/run';
// a type only: the finder is the editor's (eager) instance or the CLI's own, passed in by the caller
import type { JupyterServerFinder } from './jupyterServers';

/**
 * The lines to print when `tag` is a Jupyter image and a Jupyter container of ours already runs for `dir`
 * (undefined otherwise: then the caller starts one). `shownDir` is the project as a shell takes it.
 */
export async function runningJupyterLines(
  engine: Engine,
  dir: string,
  tag: string,
  shownDir: string,
  finder: JupyterServerFinder,
): Promise<string[] | undefined> {
  const cfg = await engine.imageRunConfig(tag).catch(() => undefined);
  if (!cfg || runModeOf(cfg) !== 'jupyter') return undefined;
  const project = path.resolve(dir);
  const mine = jupyterContainers(await engine.listContainers()).filter(
    (c) => c.labels['dsContainers.project'] === project,
  );
  if (!mine.length) return undefined;
  const servers = await finder.servers(mine);
  const c = mine[0];
  const server = servers.find((s) => s.id === c.id);
  const id = c.id.slice(0, 12);
  const built = await engine.imageSummary(tag).catch(() => undefined);
  const stale = built && c.imageId && built.id !== c.imageId;
  return [
    `Jupyter already runs for this project in container ${id}` +
      (server ? `: ${jupyterUrlWithToken(server)}` : ' (its URL is in: docker logs ' + id + ')'),
    stale
      ? `  It runs the previous build of ${tag}: stop it (docker stop ${id}), ` +
        `then rerun up ${shownDir} to start the new one.`
      : `  Nothing new was started; stop it with: docker stop ${id}`,
  ];
}
