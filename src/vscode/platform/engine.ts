import * as vscode from 'vscode';
import { Engine } from '../../node/docker/engine';
import { resolveEndpoint } from '../../node/docker/endpoint';
import { section } from './config';

/**
 * Hands out the Engine for the current endpoint (setting → DOCKER_HOST → context → default),
 * rebuilt when dsContainers.docker.host changes; listeners hear about the switch.
 */
export class EngineProvider implements vscode.Disposable {
  private engine?: Engine;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('dsContainers.docker')) {
      this.engine = undefined;
      this.changed.fire();
    }
  });

  /** Throws a plain Error naming the bad value when the endpoint cannot be parsed. */
  get(): Engine {
    if (!this.engine) {
      const cfg = section();
      const endpoint = resolveEndpoint({ setting: cfg.get<string>('docker.host'), env: process.env });
      this.engine = new Engine(endpoint, cfg.get<number>('docker.timeoutSeconds', 15) * 1000);
    }
    return this.engine;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
