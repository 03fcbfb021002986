import * as vscode from 'vscode';
import { ExplorerModel, EngineState, Kind } from '../../node/explorer/live';
import { TreeNode } from '../../core/docker/tree';
import { EngineProvider } from '../platform/engine';
import { onSettingChange } from '../platform/settings';
import { Log } from '../platform/log';
import { NodeTreeProvider } from './nodeTree';

const STATE_KEY = 'dsContainers.explorer.state';

/**
 * The one refresh manager: listens to the engine (through ExplorerModel: events with reconnect,
 * throttling, safety poll) only while the Images or Containers view is visible, repaints the
 * trees, and keeps the welcome content, view messages and the status-bar item honest.
 */
export class RefreshManager implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private readonly status = vscode.window.createStatusBarItem(
    'dsContainers.engine',
    vscode.StatusBarAlignment.Left,
    20,
  );

  constructor(
    private readonly model: ExplorerModel,
    private readonly engine: EngineProvider,
    private readonly log: Log,
    private readonly trees: { images: NodeTreeProvider; containers: NodeTreeProvider },
    private readonly views: vscode.TreeView<TreeNode>[],
  ) {
    this.status.name = 'Docker engine';
    this.status.command = 'dsContainers.explorer.engineStatus';
    const unsubscribe = model.onChange((c) => {
      if (c === 'state') this.onState();
      else this.trees[c].invalidate();
    });
    this.subs.push({ dispose: unsubscribe }, this.status);
    for (const v of views) this.subs.push(v.onDidChangeVisibility(() => this.syncActive()));
    this.subs.push(
      engine.onDidChange(() => {
        log.info(`Docker endpoint changed: ${this.endpointText()}`);
        model.reset();
        this.onState();
      }),
    );
    this.subs.push(
      onSettingChange('explorer', () => {
        this.trees.images.invalidate();
        this.trees.containers.invalidate();
      }),
    );
    this.onState();
    this.syncActive();
  }

  /**
   * The one way to list again now. With no kinds (view title button, Retry): both lists, reconnecting
   * if needed; after a command that changed some resources: just their lists.
   */
  refresh(kinds?: Kind[]): Promise<void> {
    return kinds ? this.model.refresh(kinds) : this.model.retry();
  }

  private readonly holders = new Set<string>();

  /**
   * Keeps the engine's events flowing while a feature needs them (e.g. the kernel picker's servers), views hidden
   * or not.
   */
  hold(key: string, on: boolean): void {
    if (on) this.holders.add(key);
    else this.holders.delete(key);
    this.syncActive();
  }

  private syncActive(): void {
    const visible = this.views.some((v) => v.visible) || this.holders.size > 0;
    if (visible === this.model.isActive) return;
    this.log.debug(`explorer ${visible ? 'visible: listening to Docker events' : 'hidden: not listening'}`);
    this.model.setActive(visible);
    this.onState();
  }

  private endpointText(): string {
    try {
      const ep = this.engine.endpoint();
      return ep.source === 'default' ? ep.url : `${ep.url} (${ep.source})`;
    } catch (e) {
      return `invalid endpoint: ${(e as Error).message}`;
    }
  }

  private onState(): void {
    const s: EngineState = this.model.state;
    void vscode.commands.executeCommand('setContext', STATE_KEY, s);
    if (s === 'unreachable' || s === 'error') this.log.warn(`Docker explorer: ${this.model.reason}`);
    const message =
      s === 'unreachable' ? this.model.reason : s === 'error' ? `Docker error: ${this.model.reason}` : undefined;
    for (const v of this.views) v.message = message;
    const ep = this.endpointText();
    let source = 'default';
    try {
      source = this.engine.endpoint().source;
    } catch {
      source = 'invalid endpoint';
    }
    const label = source === 'default' ? 'Docker' : `Docker (${source.replace(/^context /, '')})`;
    // nothing is checked while no Docker view is open: say so rather than spin
    const idle = s === 'connecting' && !this.model.isActive;
    const icon = idle
      ? '$(vm)'
      : { live: '$(vm-active)', connecting: '$(sync~spin)', unreachable: '$(vm-outline)', error: '$(warning)' }[s];
    this.status.text = `${icon} ${label}${s === 'unreachable' ? ': unreachable' : s === 'error' ? ': error' : ''}`;
    const said = idle
      ? 'not checked yet: open the Images or Containers view'
      : {
          live: 'connected',
          connecting: 'connecting…',
          unreachable: 'cannot reach the engine; retrying',
          error: this.model.reason ?? 'error',
        }[s];
    this.status.tooltip = `${ep}\n${said}`;
    this.status.backgroundColor =
      s === 'live' || s === 'connecting' ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.status.show();
    this.trees.images.invalidate();
    this.trees.containers.invalidate();
  }

  dispose(): void {
    for (const d of this.subs) d.dispose();
  }
}
