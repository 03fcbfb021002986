// DSC lint of a 200-line Dockerfile, and import drift after one saved file in a 2,000-file project.
// Prints medians and targets; never fails on a timing.
import { performance } from 'node:perf_hooks';
import { dscFindings } from '../src/core/dockerfile/rules';
import { ImportIndex, driftEnv, missingRequirements } from '../src/core/drift';
import { requirementFindings } from '../src/core/drift/requirements-lint';
import { parseRequirements } from '../src/core/requirements/parse';
import { scanPython } from '../src/core/python/extract';
import { LocalModules } from '../src/core/python/resolve';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, fn: (i: number) => void): number {
  fn(-1); // warm-up (JIT, lazy parsers)
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    ms.push(performance.now() - t);
  }
  return median(ms);
}

/** A realistic 200-line multi-stage Dockerfile with something for every rule to look at. */
function dockerfile200(): string {
  const head = ['FROM python AS build', 'WORKDIR /src', 'COPY . .', 'ENV API_TOKEN=abc'];
  const body: string[] = [];
  for (let i = 0; body.length < 200; i++) {
    body.push(
      `RUN apt-get update && apt-get install -y libpkg${i} \\`,
      `    && pip install numpy pandas==2.${i} scikit-learn`,
      `ADD file${i}.py /app/`,
      `# step ${i}`,
    );
  }
  const tail = [
    'FROM python:3.11-slim',
    'COPY --from=build /src /app',
    'USER root',
    'EXPOSE 8888',
    "CMD jupyter lab --ServerApp.token=''",
    'ENTRYPOINT python run.py',
  ];
  // Cut the body at an instruction boundary so the file stays valid at exactly 200 lines.
  const room = 200 - head.length - tail.length;
  const cut = body.slice(0, room);
  if (cut[cut.length - 1].endsWith('\\')) cut[cut.length - 1] = cut[cut.length - 1].slice(0, -2);
  return [...head, ...cut, ...tail].join('\n') + '\n';
}

const THIRD = ['numpy', 'pandas', 'sklearn', 'matplotlib', 'scipy', 'yaml', 'requests', 'torch', 'cv2', 'seaborn'];
const STD = ['os', 'sys', 'json', 'pathlib', 'typing', 'collections', 're', 'itertools'];

function pyFile(i: number, variant = 0): string {
  const lines = ['"""Module ' + i + '."""'];
  for (let k = 0; k < 4; k++) lines.push(`import ${STD[(i + k) % STD.length]}`);
  for (let k = 0; k < 4; k++) lines.push(`import ${THIRD[(i + k + variant) % THIRD.length]}`);
  lines.push(
    `from pkg${i % 40}.mod${i} import helper`,
    'try:',
    '    import ujson',
    'except ImportError:',
    '    ujson = None',
  );
  for (let k = 0; k < 60; k++) lines.push(`def f${k}(x):`, `    return helper(x) + ${k}  # import nothing here`);
  return lines.join('\n') + '\n';
}

const text = dockerfile200();
console.log(
  `DSC lint, ${text.split('\n').length - 1}-line Dockerfile (${dscFindings(text).length} findings): median ${time(50, () => dscFindings(text)).toFixed(2)} ms over 50 runs (target < 20 ms, under the 300 ms typing debounce)`,
);

const N = 2000;
const files = Array.from({ length: N }, (_, i) => `pkg${i % 40}/mod${i}.py`);
const env = driftEnv(
  { version: '3.11', installed: { numpy: '1.26.4', pandas: '2.2.2', 'scikit-learn': '1.4.2', PyYAML: '6.0.1' } },
  (() => {
    const local = new LocalModules(files);
    return (top: string, file: string) => local.isLocal(top, file);
  })(),
);
const reqText =
  'numpy==1.26.4\npandas==2.2.2\nscikit-learn==1.4.2\nmatplotlib\nscipy\nrequests\njupyterlab\ngunicorn\n';
const declared = new Set(parseRequirements(reqText).lines.flatMap((l) => (l.key ? [l.key] : [])));
const index = new ImportIndex();
const t0 = performance.now();
files.forEach((f, i) => index.set(f, scanPython(pyFile(i), { file: f }).imports));
const initial = performance.now() - t0;
const save = time(100, (n) => {
  const i = Math.abs(n * 37) % N;
  const f = files[i];
  const imports = scanPython(pyFile(i, n + 1), { file: f }).imports; // the saved file, edited
  index.set(f, imports);
  missingRequirements(f, imports, declared, env);
  requirementFindings(reqText, index, env); // requirements.txt diagnostics incl. unused hints
});
console.log(
  `drift, ${N}-file project: initial index ${initial.toFixed(0)} ms; after one saved file (re-scan it, update the index, its warnings, requirements.txt hints): median ${save.toFixed(2)} ms over 100 saves (target < 50 ms)`,
);
