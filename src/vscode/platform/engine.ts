import * as vscode from 'vscode';
import { Engine } from '../../node/docker/engine';
import { Endpoint, resolveEndpoint } from '../../node/docker/endpoint';
import { onSettingChange, setting } from './settings';

/**
 * Hands out the Engine for the current endpoint (setting → DOCKER_HOST → context → default),
 * rebuilt when dsContainers.docker.host changes; listeners hear about the switch.
 */
export class EngineProvider implements vscode.Disposable {
  private engine?: Engine;
  private resolved?: Endpoint;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly sub = onSettingChange('docker', () => {
    this.engine = undefined;
    this.resolved = undefined;
    this.changed.fire();
  });

  /**
   * Where the engine is, without connecting (cheap: the status bar shows it at activation). Throws a plain Error
   * naming a bad value.
   */
  endpoint(): Endpoint {
    return (this.resolved ??= resolveEndpoint({ setting: setting('docker.host'), env: process.env }));
  }

  /** The engine client; creating it loads dockerode, so callers ask only when they talk to Docker. */
  get(): Engine {
    return (this.engine ??= new Engine(this.endpoint(), setting('docker.timeoutSeconds') * 1000));
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
