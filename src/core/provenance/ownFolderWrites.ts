// Apptainer-readiness: a SIF is read-only at run time, so code that writes to a path relative to where it runs
// (inside the image's working directory, unless a folder is bound there) fails with "Read-only file system".
// A line-level look at literal paths: f-strings, variables and absolute paths are not judged.

export interface OwnFolderWrite {
  /** 0-based line. */
  line: number;
  /** The call as written, e.g. `open("results.csv", "w")`. */
  call: string;
  path: string;
}

const LIT = String.raw`(["'])([^"'{}\n]+)\1`;
const PATTERNS: RegExp[] = [
  // open("x", "w"), open("x", mode="a"): a write, append or create mode.
  new RegExp(String.raw`\bopen\(\s*${LIT}\s*,\s*(?:mode\s*=\s*)?["'][^"']*[wax+][^"']*["']`),
  // pandas and matplotlib writers, numpy, joblib, torch: the literal path argument.
  new RegExp(String.raw`\.(?:to_csv|to_parquet|to_pickle|to_excel|to_json|savefig)\(\s*${LIT}`),
  new RegExp(String.raw`\b(?:np|numpy)\.(?:save|savez|savetxt)\(\s*${LIT}`),
  new RegExp(String.raw`\b(?:torch|joblib)\.(?:save|dump)\([^,()]+,\s*${LIT}`),
  new RegExp(String.raw`\bos\.(?:makedirs|mkdir)\(\s*${LIT}`),
];

/** The lines of a Python source that write to a literal path relative to the working directory. */
export function ownFolderWrites(text: string): OwnFolderWrite[] {
  const out: OwnFolderWrite[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, line) => {
    const code = raw.replace(/#.*$/, '');
    for (const re of PATTERNS) {
      const m = re.exec(code);
      if (!m) continue;
      const p = m[2];
      if (p.startsWith('/') || p.startsWith('~')) continue;
      out.push({ line, call: m[0], path: p });
      break;
    }
  });
  return out;
}
