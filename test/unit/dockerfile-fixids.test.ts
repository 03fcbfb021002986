import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandIds } from 'dockerfile-language-service';
import { LIBRARY_FIXES, fixCommandIds, toLibCommand, toOurCommand } from '../../src/core/dockerfile/fixIds';

test("our fix list is exactly the library's CommandIds, so every code action has a command", () => {
  assert.deepEqual(
    [...LIBRARY_FIXES].sort(),
    Object.values(CommandIds)
      .map((id) => id.replace('docker.command.', ''))
      .sort(),
  );
});

test('ids translate both ways, and only ours are registered', () => {
  for (const lib of Object.values(CommandIds)) {
    const ours = toOurCommand(lib);
    assert.match(ours, /^dsContainers\.dockerfile\.\w+$/);
    assert.ok(fixCommandIds.includes(ours));
    assert.equal(toLibCommand(ours), lib);
  }
  assert.equal(toOurCommand('editor.action.other'), 'editor.action.other');
});
