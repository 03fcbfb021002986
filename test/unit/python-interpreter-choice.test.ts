import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseInterpreter, describeInterpreter } from '../../src/core/python/interpreterChoice';

test("the Python extension's interpreter wins over the setting and the default", () => {
  assert.deepEqual(
    chooseInterpreter({ trusted: true, fromExtension: '/venv/bin/python', setting: '/opt/py/bin/python3' }),
    { command: '/venv/bin/python', source: 'python-extension' },
  );
});

test("without the Python extension's answer: the setting, else python3; blanks count as unset", () => {
  assert.deepEqual(chooseInterpreter({ trusted: true, setting: '/opt/py/bin/python3' }), {
    command: '/opt/py/bin/python3',
    source: 'setting',
  });
  assert.deepEqual(chooseInterpreter({ trusted: true, fromExtension: '  ', setting: ' /opt/py ' }), {
    command: '/opt/py',
    source: 'setting',
  });
  assert.deepEqual(chooseInterpreter({ trusted: true, setting: '' }), { command: 'python3', source: 'default' });
  assert.deepEqual(chooseInterpreter({ trusted: true }), { command: 'python3', source: 'default' });
});

test('an untrusted workspace runs no interpreter, whatever the extension or the settings say', () => {
  assert.deepEqual(chooseInterpreter({ trusted: false, fromExtension: '/venv/bin/python', setting: '/evil' }), {
    command: false,
    source: 'untrusted',
  });
});

test('the description names the interpreter and why it was chosen', () => {
  assert.equal(
    describeInterpreter({ command: '/venv/bin/python', source: 'python-extension' }),
    "/venv/bin/python (the Python extension's active interpreter)",
  );
  assert.match(
    describeInterpreter({ command: 'python3', source: 'default' }),
    /^python3 \(the default; set dsContainers\.python\.path/,
  );
  assert.match(describeInterpreter({ command: false, source: 'untrusted' }), /^bundled data \(untrusted workspace/);
});
