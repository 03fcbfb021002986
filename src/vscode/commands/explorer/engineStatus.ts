import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { explorerOf } from '../../views/pick';

export const engineStatus: CommandSpec = {
  id: 'dsContainers.explorer.engineStatus',
  title: 'Docker Engine Status',
  handler: async (s) => {
    const ex = explorerOf(s);
    let where: string;
    try {
      const ep = s.engines.endpoint();
      where = `${ep.url} (from ${ep.source})`;
    } catch (e) {
      where = (e as Error).message;
    }
    const state = ex.model.state === 'live' ? 'connected' : ex.model.reason ?? ex.model.state;
    const items = [
      { label: '$(refresh) Retry / Refresh', run: () => ex.refresh.refresh() },
      { label: '$(settings-gear) Set the Docker Endpoint…', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'dsContainers.docker.host') },
      { label: '$(output) Show Log', run: async () => s.log.show() },
    ];
    const p = await vscode.window.showQuickPick(items, { title: `Docker: ${where}`, placeHolder: state });
    await p?.run();
  },
};
