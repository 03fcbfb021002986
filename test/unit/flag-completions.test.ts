import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagCompletions } from '../../src/core/dockerfile/flagCompletions';

const labels = (text: string, line: number, character: number) =>
  flagCompletions(text, { line, character }).map((i) => i.label);

test('COPY and ADD get the flags the language service lacks, only where a flag may go', () => {
  assert.deepEqual(labels('FROM python\nCOPY --', 1, 7), ['--chmod', '--link', '--exclude', '--parents']);
  assert.deepEqual(labels('FROM python\nCOPY --c', 1, 8), ['--chmod']);
  assert.deepEqual(labels('FROM python\nadd ', 1, 4), [
    '--chmod',
    '--link',
    '--checksum',
    '--keep-git-dir',
    '--exclude',
  ]);
  // After other flags still; a flag already there is not offered again (several --exclude may be).
  assert.deepEqual(labels('FROM python\nCOPY --chown=1000 --link --', 1, 26), ['--chmod', '--exclude', '--parents']);
  // Not after the first source, and not in other instructions.
  assert.deepEqual(labels('FROM python\nCOPY . --', 1, 9), []);
  assert.deepEqual(labels('FROM python\nRUN --', 1, 6), []);
  const [chmod] = flagCompletions('FROM python\nCOPY --ch', { line: 1, character: 9 });
  assert.deepEqual(chmod.textEdit, {
    range: { start: { line: 1, character: 5 }, end: { line: 1, character: 9 } },
    newText: '--chmod=${1:0644}',
  });
});
