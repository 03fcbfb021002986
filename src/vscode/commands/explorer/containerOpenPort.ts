import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { portUrl } from '../../../core/docker/format';
import { UserCancelled } from '../../platform/errors';
import { pickContainers } from '../../views/pick';

export const containerOpenPort: CommandSpec = {
  id: 'dsContainers.containers.openPort',
  title: 'Open Published Port in Browser',
  handler: async (s, item?: TreeNode) => {
    const [c] = await pickContainers(s, 'open in the browser', item, undefined, (x) => x.state === 'running' && x.ports.some((p) => p.hostPort));
    // a remote engine publishes on its own host, not on ours
    const host = s.engines.endpoint().host ?? '127.0.0.1';
    const urls = c.ports.map((p) => ({ p, url: portUrl(p, host) })).filter((x): x is { p: typeof x.p; url: string } => !!x.url);
    if (!urls.length) throw new Error(`container "${c.name}" publishes no port`);
    const chosen = urls.length === 1 ? urls[0] : await vscode.window.showQuickPick(urls.map((u) => ({ label: u.url, description: `container port ${u.p.containerPort}/${u.p.protocol}`, u })), { placeHolder: 'Port to open' }).then((x) => x?.u);
    if (!chosen) throw new UserCancelled();
    await vscode.env.openExternal(vscode.Uri.parse(chosen.url));
    return chosen.url;
  },
};
