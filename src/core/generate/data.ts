/**
 * Data stays out of the image: the folders and files a data-science project reads at run time (a 600 MB CSV,
 * model checkpoints) would otherwise be copied into a layer by `COPY . .`, and every rebuild would send them
 * to the engine again. The node layer measures the files; this module decides, purely, from the sizes.
 */

/** Folders that hold a project's data by convention: left out whatever their size (mounted at run time). */
export const DATA_FOLDERS: readonly string[] = ['data', 'datasets'];

/** Checkpoints and columnar data: named apart in the report, left out like any file above the threshold. */
export const CHECKPOINT_EXTENSIONS: readonly string[] = [
  '.pt',
  '.pth',
  '.ckpt',
  '.safetensors',
  '.parquet',
  '.h5',
  '.hdf5',
  '.onnx',
  '.npy',
  '.npz',
  '.feather',
  '.arrow',
];

/** Default for `dsContainers.build.dataThresholdMB` and `--data-threshold`: files above it stay out. */
export const DEFAULT_DATA_THRESHOLD_MB = 50;

export const MB = 1024 * 1024;

/** A file of the project and its size, as the node layer measured it. */
export interface SizedFile {
  /** Relative to the project, forward slashes. */
  path: string;
  bytes: number;
}

/** What stays out of the build context, for the generator and the report. */
export interface DataOut {
  thresholdMB: number;
  /** Data folders (DATA_FOLDERS) that exist, with the bytes they hold. */
  folders: SizedFile[];
  /** Files above the threshold outside those folders. */
  files: SizedFile[];
  /** Paths the user keeps in the image (a flag): written as `!path` lines. */
  keep: string[];
  /** Virtual or conda environments inside the project, whatever their names (a folder with pyvenv.cfg, conda-meta/). */
  environments?: string[];
}

/** True when a file is a model checkpoint or columnar data file by its extension. */
export function isCheckpoint(file: string): boolean {
  const lower = file.toLowerCase();
  return CHECKPOINT_EXTENSIONS.some((e) => lower.endsWith(e));
}

/** The top folder of a relative path when it is a data folder ('data/x.csv' → 'data'). */
export function dataFolderOf(file: string): string | undefined {
  const top = file.split('/')[0];
  return file.includes('/') && DATA_FOLDERS.includes(top) ? top : undefined;
}

/**
 * Decides what stays out from every measured file: each data folder that holds anything, and each file above
 * the threshold elsewhere, unless the user keeps it (`keep`, paths or folders).
 */
export function dataOutOf(measured: readonly SizedFile[], thresholdMB: number, keep: readonly string[] = []): DataOut {
  const limit = thresholdMB * MB;
  const kept = keep
    .map((k) =>
      k
        .replace(/\\/g, '/')
        .replace(/^\.\/+/, '')
        .replace(/\/+$/, ''),
    )
    .filter(Boolean);
  const isKept = (p: string) => kept.some((k) => p === k || p.startsWith(`${k}/`));
  const folders = new Map<string, number>();
  const files: SizedFile[] = [];
  for (const f of measured) {
    const folder = dataFolderOf(f.path);
    if (folder && !isKept(folder)) folders.set(folder, (folders.get(folder) ?? 0) + f.bytes);
    else if (thresholdMB > 0 && f.bytes > limit && !isKept(f.path)) files.push({ path: f.path, bytes: f.bytes });
  }
  return {
    thresholdMB,
    folders: [...folders].map(([path, bytes]) => ({ path, bytes })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    files: files.sort((a, b) => (a.path < b.path ? -1 : 1)),
    keep: kept.sort(),
  };
}

/** "312 MB", "1.4 GB", "640 kB": sizes as the reports print them (powers of 1024, like docker). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** The lines scaffold and Containerize say about what stays out, and how it reaches the container. */
export function dataOutReport(out: DataOut | undefined): string[] {
  if (!out || (!out.folders.length && !out.files.length)) return [];
  const items = [...out.folders.map((f) => ({ ...f, path: `${f.path}/` })), ...out.files];
  const total = items.reduce((n, f) => n + f.bytes, 0);
  const named = items.map((f) => `${f.path} (${formatBytes(f.bytes)}${isCheckpoint(f.path) ? ', checkpoint' : ''})`);
  return [
    `.dockerignore: left out of the image (${formatBytes(total)}): ${named.join(', ')}`,
    '  They reach the container through the project mount (run, up, compose, Jupyter, dev containers; ' +
      'script runs mount them read-only at the same path).',
    '  Keep one in the image: a line `!PATH` in .dockerignore, or scaffold --keep-data PATH.',
  ];
}

/** What `build` says about a large context: the files left out for their size, and those kept in anyway. */
export function largeContextLines(
  leftOut: readonly SizedFile[],
  keptIn: readonly SizedFile[],
  thresholdMB: number,
): string[] {
  const list = (fs: readonly SizedFile[]) => fs.map((f) => `${f.path} (${formatBytes(f.bytes)})`).join(', ');
  const out: string[] = [];
  if (leftOut.length)
    out.push(
      `note: left out of the build context, above ${thresholdMB} MB: ${list(leftOut)}; ` +
        'the project mount brings them at run time (a `!PATH` line in .dockerignore keeps one in)',
    );
  if (keptIn.length)
    out.push(
      `warning: the build context holds files above ${thresholdMB} MB (kept by .dockerignore): ${list(keptIn)}; ` +
        'every build sends them and the image grows by their size',
    );
  return out;
}
