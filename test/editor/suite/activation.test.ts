import * as assert from 'assert';
import * as vscode from 'vscode';
import { commandTable } from '../../../src/vscode/commands';

const ID = 'ds-containers.ds-containers';

describe('activation', () => {
  it('activates and registers every command of the table and of package.json', async () => {
    const ext = vscode.extensions.getExtension(ID);
    assert.ok(ext, `extension ${ID} is loaded`);
    await ext.activate();
    const all = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = ext.packageJSON.contributes.commands;
    for (const c of contributed) assert.ok(all.has(c.command), `${c.command} is registered`);
    const table = new Set(commandTable.filter((c) => !c.kind).map((c) => c.id));
    for (const c of contributed) assert.ok(table.has(c.command), `${c.command} is in the command table`);
    for (const id of table)
      assert.ok(
        contributed.some((c) => c.command === id),
        `${id} is in contributes.commands`,
      );
  });
});
