// Notebooks on the container's kernel: our running Jupyter containers, listed in the Jupyter extension's
// kernel picker through its public server-collection API, live from the explorer's engine events.
import * as vscode from 'vscode';
import type { Jupyter, JupyterServer, JupyterServerProvider } from '@vscode/jupyter-extension';
import type { Services } from '../services';
import { JUPYTER_EXTENSION_ID } from '../../core/extensionIds';
import { JupyterServerEntry } from '../../core/develop/jupyterServers';
import { JupyterServerFinder } from '../../node/develop/jupyterServers';

export const COLLECTION_ID = 'dsContainers';

/**
 * The server as the Jupyter extension takes it; mappedRemoteNotebookDir (its proposed API) maps the project to the
 * server's root.
 */
function toServer(e: JupyterServerEntry): JupyterServer {
  const connectionInformation = {
    baseUrl: vscode.Uri.parse(e.baseUrl),
    token: e.token,
    mappedRemoteNotebookDir: vscode.Uri.file(e.projectDir),
  };
  return { id: e.id, label: e.label, connectionInformation };
}

/** The current servers, shared by the kernel picker provider and "Copy Jupyter URL". */
export class JupyterServers implements vscode.Disposable {
  private readonly finder: JupyterServerFinder;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: JupyterServerEntry[] = [];
  private readonly subs: vscode.Disposable[] = [this.changed];

  constructor(private readonly s: Services) {
    this.finder = new JupyterServerFinder(() => s.engine.get());
    const model = s.explorer?.model;
    if (model) this.subs.push({ dispose: model.onChange((c) => c === 'containers' && void this.update()) });
  }

  get list(): readonly JupyterServerEntry[] {
    return this.current;
  }

  /** Lists again from the engine (the explorer's cached containers when it is live). */
  async update(): Promise<readonly JupyterServerEntry[]> {
    const model = this.s.explorer?.model;
    const containers = model?.containers ?? (await this.s.engine.get().listContainers());
    const next = await this.finder.servers(containers);
    const key = (l: JupyterServerEntry[]) => l.map((e) => `${e.id}:${e.baseUrl}`).join(',');
    if (key(next) !== key(this.current)) {
      this.current = next;
      this.s.log.info(`Jupyter servers for the kernel picker: ${next.map((e) => e.baseUrl).join(', ') || 'none'}`);
      this.changed.fire();
    }
    return this.current;
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
  }
}

/**
 * Registers the server collection once the Jupyter extension is there (now, or when it gets installed). From the
 * first time the kernel picker asks for servers, the engine's events keep flowing, so a stopped container leaves
 * the picker. Not before: holding them at registration connected to Docker (and loaded dockerode) during
 * activate() whenever the Jupyter extension was installed.
 */
export function registerJupyterKernels(s: Services, servers: JupyterServers): void {
  let registered = false;
  const tryRegister = async () => {
    const ext = vscode.extensions.getExtension<Jupyter>(JUPYTER_EXTENSION_ID);
    if (!ext || registered) return;
    registered = true;
    const api = ext.isActive ? ext.exports : await ext.activate();
    if (typeof api?.createJupyterServerCollection !== 'function')
      return s.log.warn(`${JUPYTER_EXTENSION_ID} has no server-collection API`);
    let held = false;
    const provider: JupyterServerProvider = {
      onDidChangeServers: servers.onDidChange,
      provideJupyterServers: async () => {
        if (!held) {
          held = true;
          s.explorer?.refresh.hold('jupyterKernels', true);
        }
        return (await servers.update()).map(toServer);
      },
      resolveJupyterServer: (server) => {
        const e = servers.list.find((x) => x.id === server.id);
        return e ? toServer(e) : undefined;
      },
    };
    const collection = api.createJupyterServerCollection(COLLECTION_ID, 'Data Science Containers', provider);
    s.context.subscriptions.push(collection, { dispose: () => s.explorer?.refresh.hold('jupyterKernels', false) });
    s.log.info('Jupyter extension found: our running Jupyter containers are offered in the kernel picker');
  };
  s.context.subscriptions.push(vscode.extensions.onDidChange(() => void tryRegister()));
  void tryRegister().catch((e: Error) => s.log.warn(`Jupyter extension: ${e.message}`));
}
