/**
 * The size advisor's judgement, pure: from the image's layers, its measured distributions and paths, and (for a
 * project) what the project does, the savings it knows, each with an estimate computed from measured bytes.
 */
import type { LayerHistory } from '../docker/types';
import { formatBytes } from '../generate/data';
import { HEADLESS, TORCH_FAMILY } from '../generate/lean';
import { normalizeName } from '../requirements/names';
import type { MeasuredDist, SizeProbe } from './probe';

export type SavingKind =
  'cuda-torch' | 'gui-opencv' | 'devel-base' | 'pip-cache' | 'apt-lists' | 'compilers' | 'data' | 'duplicate';

export interface Saving {
  kind: SavingKind;
  /** Estimated bytes the image loses when the advice is applied. */
  bytes: number;
  /** What is there and what to do, one line. */
  advice: string;
}

/** What the project does, when the advisor was given one (DIR); absent for a bare image. */
export interface ProjectFacts {
  gpu: boolean;
  guiCalls: boolean;
  /** Files above the threshold that the build context would still send (kept by a `!` line). */
  contextLarge: { path: string; bytes: number }[];
}

export interface SizeReport {
  image: string;
  totalBytes: number;
  /** The largest layers first (empty ones left out). */
  layers: LayerHistory[];
  /** The largest distributions first. */
  dists: MeasuredDist[];
  savings: Saving[];
}

const CUDA_WHEELS = (n: string) => n.startsWith('nvidia-') || n === 'triton';

/** The savings the advisor knows, largest first. */
export function adviseSize(probe: SizeProbe, project?: ProjectFacts): Saving[] {
  const out: Saving[] = [];
  const byName = new Map<string, MeasuredDist[]>();
  for (const d of probe.dists) {
    const k = normalizeName(d.name);
    byName.set(k, [...(byName.get(k) ?? []), d]);
  }
  const cuda = probe.dists.filter((d) => CUDA_WHEELS(normalizeName(d.name)));
  // The CPU build of torch lacks these too: libtorch_cuda alone is about a gigabyte of the CUDA wheel.
  const inTorch = probe.dists.reduce(
    (n, d) => n + (TORCH_FAMILY.includes(normalizeName(d.name)) ? (d.cuda ?? 0) : 0),
    0,
  );
  const dropsCuda = (cuda.length > 0 || inTorch > 0) && !project?.gpu;
  if (dropsCuda) {
    const bytes = sum(cuda) + inTorch;
    const wheels =
      cuda.length > 3 ? `${cuda.length} nvidia-*/triton distributions` : cuda.map((d) => d.name).join(', ');
    const own = "torch's own CUDA libraries";
    const names = inTorch ? (wheels ? `${wheels} and ${own}` : own) : wheels;
    const why = project ? 'this project shows no GPU use' : 'if the code uses no GPU';
    out.push({
      kind: 'cuda-torch',
      bytes,
      advice:
        `${names} (${formatBytes(bytes)}): CUDA libraries of torch; ${why}: ` +
        'install torch from https://download.pytorch.org/whl/cpu (--extra-index-url in requirements.txt)',
    });
  }
  for (const [gui, headless] of Object.entries(HEADLESS)) {
    const d = byName.get(gui)?.[0];
    if (!d || !d.gui || project?.guiCalls) continue;
    out.push({
      kind: 'gui-opencv',
      bytes: d.gui,
      advice:
        `${d.name} bundles GUI libraries (Qt, X11: ${formatBytes(d.gui)})` +
        `${project ? ' and no code opens a window' : ''}: use ${headless} (the same cv2 without them)`,
    });
  }
  const path = (k: keyof SizeProbe['paths'], kind: SavingKind, advice: string) => {
    const bytes = probe.paths[k] ?? 0;
    if (bytes > 0) out.push({ kind, bytes, advice: `${formatBytes(bytes)} ${advice}` });
  };
  path('cudaDevel', 'devel-base', 'of CUDA compilers and headers (a devel base): run FROM the -runtime- tag');
  path('pipCache', 'pip-cache', "in pip's cache: pip install --no-cache-dir (or a BuildKit cache mount)");
  path(
    'aptLists',
    'apt-lists',
    'of apt lists and packages: rm -rf /var/lib/apt/lists/* in the RUN that ran apt-get update',
  );
  path('compilers', 'compilers', 'of compilers and headers: build in a build stage and copy only what it installed');
  const data = [
    ...probe.data,
    ...(project?.contextLarge ?? []).filter((f) => !probe.data.some((d) => d.path.endsWith(`/${f.path}`))),
  ];
  if (data.length) {
    const bytes = data.reduce((n, f) => n + f.bytes, 0);
    const names =
      data
        .map((f) => f.path)
        .slice(0, 4)
        .join(', ') + (data.length > 4 ? ` and ${data.length - 4} more` : '');
    out.push({
      kind: 'data',
      bytes,
      advice:
        `data in the image (${formatBytes(bytes)}: ${names}): ` +
        'leave it out (.dockerignore) and mount it at run time',
    });
  }
  for (const [name, copies] of byName) {
    // Every copy of a CUDA wheel is already in the CUDA saving: the total would count the extra ones twice.
    if (copies.length < 2 || (dropsCuda && CUDA_WHEELS(name))) continue;
    const sorted = [...copies].sort((a, b) => b.bytes - a.bytes);
    const extra = sorted.slice(1);
    const bytes = sum(extra);
    if (!bytes) continue;
    out.push({
      kind: 'duplicate',
      bytes,
      advice:
        `${sorted[0].name} is installed ${copies.length} times (${copies.map((c) => c.location).join(', ')}): ` +
        `${formatBytes(bytes)} in the extra copies; install it once`,
    });
  }
  return out.sort((a, b) => b.bytes - a.bytes || (a.kind < b.kind ? -1 : 1));
}

const sum = (ds: readonly { bytes: number }[]) => ds.reduce((n, d) => n + d.bytes, 0);

/** The report's lines, as the CLI prints them (the editor shows the same). */
export function sizeReportLines(r: SizeReport, top = 8): string[] {
  const out = [`${r.image}: ${formatBytes(r.totalBytes)}`];
  out.push('Largest layers:');
  for (const l of r.layers.slice(0, top))
    out.push(`  ${formatBytes(l.size).padStart(8)}  ${shortCreatedBy(l.createdBy)}`);
  if (r.dists.length) {
    out.push('Largest installed distributions:');
    for (const d of r.dists.slice(0, top)) out.push(`  ${formatBytes(d.bytes).padStart(8)}  ${d.name} ${d.version}`);
  }
  if (!r.savings.length) out.push('No saving found: nothing the advisor knows is in this image.');
  else {
    const total = sum(r.savings);
    out.push(`Savings (about ${formatBytes(total)}):`);
    for (const s of r.savings) out.push(`  - ${s.advice}`);
  }
  return out;
}

/** A history entry's command, one line, without BuildKit's and the classic builder's wrappers. */
export function shortCreatedBy(createdBy: string, width = 90): string {
  const s =
    createdBy
      .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
      .replace(/^(RUN )?\/bin\/(ba)?sh -c /, 'RUN ')
      .replace(/\s*# buildkit$/, '')
      .replace(/\s+/g, ' ')
      .trim() || '(a base image layer)';
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}
