// Generators benchmark: parsing and merging a large requirements file (the editor re-parses it on
// every keystroke) and generating the four files. Targets: re-parse of 2,000 lines under 50 ms;
// generateAll under 5 ms.
import { performance } from 'node:perf_hooks';
import { parseRequirements } from '../src/core/requirements/parse';
import { mergeRequirements } from '../src/core/requirements/merge';
import { generateAll } from '../src/core/generate';
import { ProjectSpec } from '../src/core/project';

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, fn: () => void): number {
  fn(); // warm up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

const lines: string[] = [];
for (let i = 0; i < 2000; i++) {
  const kind = i % 10;
  if (kind === 0) lines.push(`# section ${i}`);
  else if (kind === 1) lines.push(`pkg-${i}[extra]>=1.${i % 7}; python_version >= "3.9"  # why`);
  else if (kind === 2) lines.push(`pkg-${i}==2.${i % 13}.0 \\`, `    --hash=sha256:${'ab'.repeat(32)}`);
  else lines.push(`pkg_${i}==1.0.${i}`);
}
const text = lines.join('\n') + '\n';
const wanted = Array.from({ length: 300 }, (_, i) => ({ name: `wanted-${i}`, version: '1.0' }));

const coldStart = performance.now();
parseRequirements(text);
const coldMs = performance.now() - coldStart;
const parseMs = time(20, () => parseRequirements(text));
const mergeMs = time(20, () => mergeRequirements(text, wanted));
const spec: ProjectSpec = {
  mode: 'app',
  framework: 'streamlit',
  entry: 'app.py',
  pythonVersion: '3.11',
  gpu: true,
  hasEnvFile: true,
  requirements: [
    { name: 'streamlit', version: '1.35.0' },
    { name: 'opencv-python', version: '4.10.0.84' },
    ...wanted.slice(0, 50),
  ],
  ignoreFolders: ['data'],
};
const genMs = time(200, () => generateAll(spec));

console.log(
  `parse requirements (${lines.length} lines, ${(text.length / 1024).toFixed(0)} KiB, 10% with markers): first ${coldMs.toFixed(1)} ms, again ${parseMs.toFixed(1)} ms median (target < 50 ms)`,
);
console.log(`merge 300 wanted into it: ${mergeMs.toFixed(1)} ms median`);
console.log(`generateAll (4 files, 52 requirements): ${genMs.toFixed(2)} ms median (target < 5 ms)`);
