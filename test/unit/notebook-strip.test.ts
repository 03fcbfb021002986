import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NotebookStripper } from '../../src/core/python/notebookStrip';
import { analyzeProject } from '../../src/node/analyze';

const notebook = {
  nbformat: 4,
  metadata: { kernelspec: { language: 'python', name: 'python3' }, note: 'kept "quoted" \\ text' },
  cells: [
    {
      cell_type: 'code',
      source: ['import numpy as np\n', 's = "a \\"quoted\\" {string}"\n'],
      outputs: [
        {
          output_type: 'display_data',
          data: { 'image/png': 'iVBOR'.repeat(50), 'text/plain': ['<Figure>', 'x'] },
          metadata: { outputs: 'nested' },
        },
      ],
    },
    { cell_type: 'markdown', source: 'text', attachments: { 'a.png': { 'image/png': 'AAAA' } } },
    { cell_type: 'code', source: 'import pandas', outputs: [], execution_count: 3 },
  ],
};

function strip(text: string, chunk: number): string {
  const s = new NotebookStripper();
  for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
  return s.end();
}

test('outputs and attachments are emptied, code and metadata kept, whatever the chunk size', () => {
  for (const text of [JSON.stringify(notebook), JSON.stringify(notebook, null, 1)]) {
    const once = strip(text, text.length);
    const parsed = JSON.parse(once);
    assert.deepEqual(parsed.cells[0].source, notebook.cells[0].source);
    assert.deepEqual(parsed.metadata, notebook.metadata);
    assert.equal(parsed.cells[0].outputs[0].data['image/png'], '');
    assert.deepEqual(parsed.cells[0].outputs[0].data['text/plain'], ['', '']);
    assert.equal(parsed.cells[1].attachments['a.png']['image/png'], '');
    assert.equal(parsed.cells[2].source, 'import pandas');
    assert.equal(parsed.cells[2].execution_count, 3);
    for (const n of [1, 2, 3, 7, 64, 1000]) assert.equal(strip(text, n), once, `chunks of ${n}`);
  }
});

test('a notebook above 8 MB is streamed with its outputs dropped and still scanned', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-bignb-'));
  try {
    const big = {
      ...notebook,
      cells: [
        ...notebook.cells,
        {
          cell_type: 'code',
          source: 'import scipy',
          outputs: [{ output_type: 'display_data', data: { 'image/png': 'x'.repeat(9 * 1024 * 1024) } }],
        },
        { cell_type: 'code', source: ['import requests'], outputs: [] },
      ],
    };
    fs.writeFileSync(path.join(dir, 'big.ipynb'), JSON.stringify(big));
    const a = await analyzeProject(dir, { python: false, noPin: true });
    assert.deepEqual(
      a.requirements.map((r) => r.name),
      ['numpy', 'pandas', 'requests', 'scipy'],
    );
    assert.deepEqual(a.warnings, []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
