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
