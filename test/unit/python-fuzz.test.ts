import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { scanPython } from '../../src/core/python/extract';
import { extractNotebook } from '../../src/core/python/notebook';

// Deterministic mutations of real fixture sources: whatever the bytes, extraction returns
// (never throws) and every import it reports has a sane line number.
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/projects');
const PIECES = [
  '"',
  "'",
  '"""',
  "'''",
  '(',
  ')',
  '[',
  '{',
  '}',
  '\\',
  '\n',
  '\t',
  '#',
  ':',
  ';',
  'f"{',
  '}',
  'import ',
  'from . ',
  'try:',
  'except ImportError:',
  '\r\n',
  '\u00e9',
  '\0',
  'if TYPE_CHECKING:\n    ',
];

function sources(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(py|ipynb)$/.test(e.name)) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(FIXTURES);
  return out;
}

test('mutated sources and notebooks never make extraction throw', () => {
  const r = rng(7);
  const base = sources();
  assert.ok(base.length > 20);
  let runs = 0;
  for (let k = 0; k < 1500; k++) {
    let s = base[Math.floor(r() * base.length)];
    for (let m = 1 + Math.floor(r() * 6); m > 0; m--) {
      const at = Math.floor(r() * (s.length + 1));
      const op = r();
      if (op < 0.4) s = s.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + s.slice(at);
      else if (op < 0.7) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 20));
      else s = s.slice(at) + s.slice(0, at);
    }
    const lines = s.split('\n').length;
    const py = scanPython(s);
    for (const i of py.imports) assert.ok(i.line >= 1 && i.line <= lines, `line ${i.line} of ${lines}`);
    const nb = extractNotebook(s);
    assert.ok(Array.isArray(nb.imports) && Array.isArray(nb.warnings));
    runs++;
  }
  assert.equal(runs, 1500);
});
