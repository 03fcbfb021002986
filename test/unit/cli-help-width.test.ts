// `ds-containers --help` and `ds-containers COMMAND --help` fit a normal 80-column terminal: the
// overview lists commands then global options; each command's help has its full usage and summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { commands } from '../../src/cli/commands';
import { wrap } from '../../src/cli/help';
import { captureIo } from './cli-io';

const tooWide = (lines: string[]) => lines.flatMap((l) => l.split('\n')).filter((l) => l.length > 80);

test('ds-containers --help: every line within 80 columns, commands then global options', async () => {
  const io = captureIo();
  assert.equal(await main(['--help'], io), 0);
  assert.deepEqual(tooWide(io.stdout), []);
  const text = io.stdout.join('\n');
  assert.ok(text.indexOf('Commands:') < text.indexOf('Global options:'), text);
  for (const c of commands) assert.match(text, new RegExp(`^  ${c.name} `, 'm'), `${c.name} is listed`);
});

test('ds-containers COMMAND --help: every line within 80 columns, the whole usage and summary kept', async () => {
  for (const c of commands) {
    const io = captureIo();
    assert.equal(await main([c.name, '--help'], io), 0);
    assert.deepEqual(tooWide(io.stdout), [], `${c.name} --help`);
    const words = (s: string) => s.split(/\s+/).filter(Boolean).join(' ');
    assert.ok(words(io.stdout.join(' ')).includes(words(c.usage)), `${c.name}: the usage is complete`);
    assert.ok(words(io.stdout.join(' ')).includes(words(c.summary)), `${c.name}: the summary is complete`);
  }
});

test('wrap: fills words up to the width, indents continuation lines', () => {
  assert.deepEqual(wrap('aa bb cc dd', 5, ' '), ['aa bb', ' cc', ' dd']);
  assert.deepEqual(wrap('one', 80), ['one']);
});

test("COMMAND --help keeps the options' columns; the command list has one capitalisation (issue 21)", async () => {
  const io = captureIo();
  assert.equal(await main(['up', '--help'], io), 0);
  const lines = io.stdout.join('\n').split('\n');
  const at = (start: string) => lines.findIndex((l) => l.startsWith(start));
  const image = at('--pins image ');
  assert.ok(image >= 0, lines.join('\n'));
  // The description starts in one column for every option row, and its continuation stays under it.
  const column = lines[image].indexOf('pin the versions');
  assert.equal(lines[at('--pins none ')].indexOf('bare names'), column);
  assert.equal(lines[image + 1].search(/\S/), column, `continuation: ${JSON.stringify(lines[image + 1])}`);
  const overview = captureIo();
  await main(['--help'], overview);
  const listed = overview.stdout
    .join('\n')
    .split('\n')
    .filter((l) => /^ {2}[a-z0-9-]+ +\S/.test(l) && !l.trimStart().startsWith('-'));
  assert.ok(listed.length >= commands.length, listed.join('\n'));
  for (const l of listed) assert.match(l, /^ {2}\S+ +[a-z]/, `lower-case like the others: ${l}`);
});
