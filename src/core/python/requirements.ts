import type { ImportClass, ImportSite, Requirement, RuntimeNeedSite, ScanWarning } from '../project';
import { normalizeName } from '../requirements/names';
import { isPlaceholderVersion, windowsOnlyMarker } from '../requirements/linuxLines';
import { AMBIGUOUS_IMPORTS, equivalentDistributions } from './data/distributions';
import { stdlibVersionsOf } from './data/stdlib';
import { isDevPath } from './classify';
import { stripLocalLabel } from './pep440';
import { stubOf } from './data/stubs';
import { distributionFor, installedIndex, installedVersion, InterpreterFacts, platformOnly } from './resolve';

/** A declared package (requirements*.txt, pyproject.toml, environment.yml); see node/declarations. */
export interface DeclaredPackage {
  name: string;
  version?: string;
  /** The requirement as written (`scikit-learn>=1.7.1`), when the source has one. */
  spec?: string;
  file: string;
  line?: number;
  class: ImportClass;
  /** `name @ url`: pip installs that URL, so no version is looked for. */
  url?: boolean;
}

export interface RequirementInput {
  /** Third-party import sites only (stdlib, local and relative imports already removed). */
  sites: (ImportSite & { names: string[] })[];
  /** `%pip install` in notebooks: explicit runtime requirements. */
  pips: { name: string; spec: string; file: string; cell: number; line: number }[];
  declared: DeclaredPackage[];
  /** Runtime needs no import spells (runtimeNeeds.ts, launchers.ts), `install` kind only. */
  needs?: (RuntimeNeedSite & { name: string; class: ImportClass })[];
  interp: InterpreterFacts;
  noPin: boolean;
  /** The interpreter asked, for messages; undefined when none was. */
  interpreterName?: string;
  /** The target Python "X.Y", to explain imports that are stdlib in other versions only. */
  pythonVersion?: string;
}

/** `>=1.7.1,<2` of `scikit-learn[x]>=1.7.1,<2 ; python_version>"3.8"`; '' for a bare name or a non-PEP 440 spec. */
export function specifierOf(spec: string | undefined): string {
  if (!spec) return '';
  const rest = spec
    .trim()
    .replace(/^[A-Za-z0-9][A-Za-z0-9._-]*/, '')
    .replace(/^\s*\[[^\]]*\]/, '')
    .split(/[;#@]/)[0]
    .replace(/\s+/g, '');
  return /^(?:===|==|~=|!=|<=|>=|<|>)[\w.*+!-]+(?:,(?:===|==|~=|!=|<=|>=|<|>)[\w.*+!-]+)*$/.test(rest) ? rest : '';
}

const CLASS_RANK: Record<ImportClass, number> = { runtime: 0, optional: 1, typing: 2, dev: 3 };

/**
 * Groups import sites by the distribution that provides them, adds what notebooks `%pip install`
 * and what the project declares, and attaches versions: a `==` pin the project declares, else the
 * probed interpreter's installed version, else none (reported, never invented).
 */
export function buildRequirements(input: RequirementInput): {
  requirements: Requirement[];
  unresolved: ImportSite[];
  warnings: ScanWarning[];
} {
  const index = installedIndex(input.interp);
  type Pinned = Requirement & { pin?: string; pinAt?: { file: string; line?: number } };
  const byName = new Map<string, Pinned>();
  const unresolved: ImportSite[] = [];
  // Sites whose distribution is only a guess from the import name; resolved after all when the project declares it.
  const guessed: [ImportSite, Requirement][] = [];
  const get = (name: string, verified: boolean): Pinned => {
    // `psycopg[binary]` and `psycopg` are one distribution: the extras stay on the name first written.
    const key = normalizeName(name.replace(/\[.*\]$/, ''));
    let r = byName.get(key);
    if (!r) byName.set(key, (r = { name, verified, class: 'dev', imports: [], sites: [] }));
    if (verified) r.verified = true;
    return r;
  };
  const promote = (r: Requirement, cls: ImportClass): void => {
    if (CLASS_RANK[cls] < CLASS_RANK[r.class]) r.class = cls;
  };
  const cache = new Map<string, ReturnType<typeof distributionFor>>();
  const warnings: ScanWarning[] = [];
  const platformWarned = new Set<string>();
  const ambiguityWarned = new Set<string>();
  // An import served by a declared drop-in alternative (cv2 by opencv-python-headless) belongs to it.
  const declaredNames = new Map([...input.declared, ...input.pips].map((d) => [normalizeName(d.name), d.name]));
  for (const s of input.sites) {
    const candidates = [...s.names.map((n) => `${s.module}.${n}`), s.module];
    const platform = platformOnly(candidates);
    if (platform) {
      if (!platformWarned.has(s.module) && s.class === 'runtime') {
        platformWarned.add(s.module);
        warnings.push({
          file: s.file,
          line: s.cell === undefined ? s.line : undefined,
          message:
            `"${s.module}" exists only on ${platform}; ` + 'not a requirement (guard it, or it fails in the container)',
        });
      }
      continue;
    }
    const key = candidates.join(' ');
    let dist = cache.get(key);
    if (!dist) cache.set(key, (dist = distributionFor(candidates, input.interp, index)));
    const alternative = equivalentDistributions(dist.name).find(
      (k) => k !== normalizeName(dist!.name) && declaredNames.has(k),
    );
    const r = alternative ? get(declaredNames.get(alternative)!, true) : get(dist.name, dist.verified);
    const importName = s.module.split('.')[0];
    const ambiguous =
      dist.source === 'curated' &&
      !alternative &&
      !declaredNames.has(normalizeName(dist.name)) &&
      (AMBIGUOUS_IMPORTS[importName] ?? AMBIGUOUS_IMPORTS[s.module.split('.').slice(0, 2).join('.')]);
    if (ambiguous && s.class === 'runtime' && !ambiguityWarned.has(importName)) {
      ambiguityWarned.add(importName);
      warnings.push({
        file: s.file,
        line: s.cell === undefined ? s.line : undefined,
        message:
          `"${importName}" is provided by several distributions: taking ${dist.name}, the usual one ` +
          `(also: ${ambiguous.join(', ')}); declare the one you use to choose`,
      });
    }
    if (!r.imports.includes(importName)) r.imports.push(importName);
    // The names of `from M import N` stay on the site: `check` imports them too.
    const { names, ...bare } = s;
    const site: ImportSite = names?.length ? { ...bare, names } : bare;
    r.sites.push(site);
    promote(r, s.class);
    if (!dist.verified && !alternative) guessed.push([site, r]);
  }
  const declare = (r: Pinned, where: string, cls: ImportClass, pin?: string, line?: number): void => {
    r.declaredIn ??= [];
    if (!r.declaredIn.includes(where)) r.declaredIn.push(where);
    promote(r, cls);
    if (pin && !r.pin && !pin.includes('*')) {
      r.pin = pin;
      r.pinAt = { file: where, line };
    }
  };
  for (const p of input.pips) {
    const pin = /==\s*([^\s;,]+)/.exec(p.spec)?.[1];
    const stub = stubOf(p.name, pin);
    declare(
      get(stub?.real ?? p.name, true),
      p.file,
      isDevPath(p.file) ? 'dev' : 'runtime',
      stub?.keepsPin === false ? undefined : pin,
    );
  }
  // Declared by `name @ url`: the URL says what is installed; "version unknown, left unpinned" would be false.
  const byUrl = new Set(input.declared.filter((d) => d.url).map((d) => normalizeName(d.name)));
  for (const d of input.declared) {
    // A placeholder name (`sklearn`) is never an install line: it counts as the real package, said once.
    const stub = stubOf(d.name, d.version);
    if (stub)
      warnings.push({
        file: d.file,
        line: d.line,
        message: `${d.name} is a placeholder on the index that refuses to install; the package is ${stub.real}`,
      });
    const marker = windowsOnlyMarker(d.name);
    if (marker)
      warnings.push({
        file: d.file,
        line: d.line,
        message: `${d.name} installs on Windows only: written with \`; ${marker}\` so pip skips it on Linux`,
      });
    const version = stub && !stub.keepsPin ? undefined : d.version;
    const r = get(stub?.real ?? d.name, true);
    declare(r, d.file, d.class, version, d.line);
    // The first declaration's specifier: a pin chosen later must not contradict it (`>=1.7.1`).
    if (!r.declaredSpec && !stub) r.declaredSpec = { specifier: specifierOf(d.spec), file: d.file, line: d.line };
  }
  for (const [site, r] of guessed) if (!r.declaredIn?.length) unresolved.push(site);
  for (const n of input.needs ?? []) {
    const alternative = equivalentDistributions(n.name).find((k) => declaredNames.has(k));
    const r = get(alternative ? declaredNames.get(alternative)! : n.name, true);
    const { name: _n, class: cls, ...site } = n;
    (r.needs ??= []).push(site);
    promote(r, cls);
  }

  const requirements = [...byName.values()].map(({ pin, pinAt, ...r }) => {
    if (!input.noPin) {
      const local = installedVersion(r.name, input.interp, index);
      // No package index serves a local version (`0.13.5+dfsg` from a Debian interpreter): pin the public part.
      const installed = local && stripLocalLabel(local);
      if (!pin && local && installed !== local && r.class === 'runtime') {
        warnings.push({
          ...firstPlace(r),
          message:
            `${r.name}: ${input.interpreterName} has ${local}; pinned as ${installed} ` +
            '(local version label dropped: no package index serves it)',
        });
      }
      r.version = pin ?? installed;
      const placeholder = isPlaceholderVersion(r.version);
      if (placeholder) {
        warnings.push({
          ...(pin && pinAt ? pinAt : firstPlace(r)),
          message: `${r.name}==${r.version}: broken distribution metadata, not a release; left unpinned`,
        });
        r.version = undefined;
      }
      if (pin && installed && pin !== installed && pinAt) {
        warnings.push({
          ...pinAt,
          message:
            `${r.name}: pinned to ${pin} here, ` +
            `but ${input.interpreterName} has ${installed} installed; the pin is kept`,
        });
      }
      // An unverified name gets its one warning where it is checked (index or comment line), not a second one here.
      if (!r.version && !placeholder && r.class === 'runtime' && r.verified && !byUrl.has(normalizeName(r.name))) {
        const where =
          input.interpreterName && input.interp.installed
            ? `not installed in ${input.interpreterName}`
            : 'no interpreter to ask';
        warnings.push({ ...firstPlace(r), message: `${r.name}: version unknown (${where}); left unpinned` });
      }
    }
    const elsewhere = r.verified ? [] : stdlibVersionsOf(r.imports[0] ?? r.name);
    if (!r.verified && r.class === 'runtime' && elsewhere.length) {
      warnings.push({
        ...firstPlace(r),
        message:
          `"${r.imports[0]}" is in the standard library of Python ${elsewhere.join(', ')} only, ` +
          `not ${input.pythonVersion ?? 'the target version'}`,
      });
    }
    r.imports.sort();
    return r;
  });
  markProvided(requirements);
  requirements.sort(
    (a, b) => CLASS_RANK[a.class] - CLASS_RANK[b.class] || cmp(a.name.toLowerCase(), b.name.toLowerCase()),
  );
  return { requirements, unresolved, warnings };
}

function firstPlace(r: Requirement): { file: string; line?: number } {
  const s = r.sites[0] ?? r.needs?.[0];
  if (s) return { file: s.file, line: s.cell === undefined ? s.line : undefined };
  return { file: r.declaredIn?.[0] ?? '.' };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Libraries that only run on an NVIDIA GPU.
const GPU_ONLY = new Set([
  'cupy',
  'cudf',
  'cuml',
  'cugraph',
  'pycuda',
  'tensorrt',
  'cuda-python',
  'nvidia-dali',
  'pynvml',
  'nvidia-ml-py',
]);
// Frameworks that use a GPU when the code asks for one.
const GPU_CAPABLE = new Set([
  'torch',
  'tensorflow',
  'jax',
  'jaxlib',
  'keras',
  'paddlepaddle',
  'mxnet',
  'ultralytics',
  'transformers',
  'diffusers',
]);

const CUDA_HINT = new RegExp(
  [
    String.raw`\.cuda\s*\(|\bcuda\.is_available|["']cuda(?::\d+)?["']`, // PyTorch
    String.raw`list_physical_devices\s*\(\s*["']GPU["']|is_gpu_available`, // TensorFlow
    String.raw`jax\.devices\s*\(\s*["']gpu["']`, // JAX
    String.raw`\bnvidia-smi\b`,
  ].join('|'),
);

/** Whether code asks for CUDA: `.cuda()`, `"cuda"` devices, `torch.cuda`, TensorFlow/JAX GPU queries. */
export function hasCudaHint(code: string): boolean {
  return CUDA_HINT.test(code);
}

/** A GPU project: a GPU-only library at runtime, or a GPU-capable framework plus a CUDA hint. */
export function isGpuProject(requirements: Requirement[], cudaHint: boolean): boolean {
  const runtime = requirements.filter((r) => r.class === 'runtime').map((r) => normalizeName(r.name));
  if (runtime.some((n) => GPU_ONLY.has(n) || n.startsWith('cupy-') || n.startsWith('nvidia-'))) return true;
  return cudaHint && runtime.some((n) => GPU_CAPABLE.has(n));
}

/**
 * Distributions that another one requires and builds on, so that a project importing both needs only the
 * outer one (its own requirement installs the inner one at a version it works with). Each pair is the outer
 * distribution's declared dependency: fastapi → starlette (fastapi's pyproject `dependencies`), boto3 →
 * botocore (boto3's setup.py `install_requires`), transformers → huggingface-hub (transformers' setup.py),
 * pydantic → pydantic-core (pydantic's pyproject), flask → werkzeug (Flask's pyproject).
 */
export const PROVIDED_BY: Readonly<Record<string, string>> = {
  starlette: 'fastapi',
  botocore: 'boto3',
  'huggingface-hub': 'transformers',
  'pydantic-core': 'pydantic',
  werkzeug: 'flask',
};

/** An imported inner distribution whose outer one is also a runtime requirement: optional, `providedBy` it. */
function markProvided(requirements: Requirement[]): void {
  const runtime = new Set(requirements.filter((r) => r.class === 'runtime').map((r) => normalizeName(r.name)));
  for (const r of requirements) {
    const outer = PROVIDED_BY[normalizeName(r.name)];
    if (r.class !== 'runtime' || !outer || !runtime.has(outer) || r.declaredIn?.length) continue;
    r.class = 'optional';
    r.providedBy = outer;
  }
}
