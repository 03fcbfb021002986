import * as vscode from 'vscode';
import type { CommandSpec } from '../register';
import { TreeNode } from '../../../core/docker/tree';
import { portUrl } from '../../../core/docker/format';
import { explorerOf, inView, pickImage } from '../../views/pick';
import { logsTerminal } from '../../views/terminals';

export const imageRun: CommandSpec = {
  id: 'dsContainers.images.run',
  title: 'Run Image',
  needsTrust: true,
  handler: async (s, item?: TreeNode) => {
    const img = await pickImage(s, 'run', item);
    const engine = s.engines.get();
    const r = await inView('dsContainers.images', () => engine.runImage(img.ref ?? img.id));
    void explorerOf(s).model.refresh(['containers']);
    const url = r.ports.map((p) => portUrl(p, engine.endpoint.host ?? '127.0.0.1')).find(Boolean);
    const actions = url ? [`Open ${url}`, 'Show Logs'] : ['Show Logs'];
    void vscode.window.showInformationMessage(`Started container "${r.name}" from ${img.label}${r.ports.length ? ` (ports: ${r.ports.map((p) => `${p.hostIp}:${p.hostPort}→${p.containerPort}`).join(', ')})` : ''}.`, ...actions).then((pick) => {
      if (pick === 'Show Logs') logsTerminal(engine, r.id, r.name).show();
      else if (pick && url) void vscode.env.openExternal(vscode.Uri.parse(url));
    });
    return r;
  },
};
