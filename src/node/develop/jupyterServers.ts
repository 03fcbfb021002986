// Our running Jupyter containers as server entries (URL + token), for the Jupyter extension's kernel picker.
import { ContainerInfo } from '../../core/docker/types';
import { JupyterServerEntry, jupyterContainers, jupyterServerOf } from '../../core/develop/jupyterServers';
import { Engine } from '../docker/engine';

/**
 * Turns container lists (from the explorer's live model) into server entries. A container's token is read
 * from its log once and remembered while the container lives; a server that has not printed its URL yet is
 * left out until the next list.
 */
export class JupyterServerFinder {
  private readonly known = new Map<string, JupyterServerEntry>();

  constructor(
    private readonly engine: () => Engine,
    private readonly waitMs = 3000,
  ) {}

  async servers(containers: readonly ContainerInfo[]): Promise<JupyterServerEntry[]> {
    const candidates = jupyterContainers(containers);
    for (const id of [...this.known.keys()]) if (!candidates.some((c) => c.id === id)) this.known.delete(id);
    const out: JupyterServerEntry[] = [];
    for (const c of candidates) {
      const entry = this.known.get(c.id) ?? jupyterServerOf(c, await this.log(c.id));
      if (!entry) continue;
      this.known.set(c.id, entry);
      out.push(entry);
    }
    return out;
  }

  /** The start of a container's log: followed until it shows a token URL or waitMs passes. */
  private async log(id: string): Promise<string> {
    let text = '';
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), this.waitMs);
    try {
      await this.engine().followLogs(
        id,
        (t) => {
          text += t;
          if (/\?token=\w/.test(text)) ac.abort();
        },
        ac.signal,
        400,
      );
    } catch {
      // A container that went away meanwhile has no server.
    } finally {
      clearTimeout(timer);
    }
    return text;
  }
}
