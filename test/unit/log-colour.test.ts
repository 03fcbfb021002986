import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colourLogText } from '../../src/core/docker/logColour';

const RED = (l: string) => `\x1b[31m${l}\x1b[0m`;
const YELLOW = (l: string) => `\x1b[33m${l}\x1b[0m`;

test("container logs: a server's ordinary stderr stays plain; errors are red, warnings yellow", () => {
  const lines = [
    '[I 2026-12-07 10:00:01.000 ServerApp] Jupyter Server 2.14 is running at:',
    'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)',
    '[W 2026-12-07 10:00:02.000 ServerApp] No web browser found',
    '/app/train.py:3: FutureWarning: the default will change',
    'Traceback (most recent call last):',
    '  File "/app/train.py", line 9, in <module>',
    'ValueError: no --data given',
    '[E 10:00:03.000 ServerApp] Uncaught exception',
    '2026-12-07 10:00:04,000 ERROR: model file missing',
  ];
  assert.equal(
    colourLogText(lines.join('\n')),
    [
      lines[0],
      lines[1],
      YELLOW(lines[2]),
      YELLOW(lines[3]),
      RED(lines[4]),
      lines[5],
      RED(lines[6]),
      RED(lines[7]),
      RED(lines[8]),
    ].join('\r\n'),
  );
});
