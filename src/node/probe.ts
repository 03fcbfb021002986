import { execFile } from 'node:child_process';
import os from 'node:os';
import type { InterpreterFacts } from '../core/python/resolve';

// Runs inside the user's interpreter: standard-library names (3.10+), the import→distribution map
// (3.10+; top_level.txt before), and every installed distribution's version. Read-only.
const PROBE = `
import sys, json
out = {"version": "%d.%d" % sys.version_info[:2], "executable": sys.executable}
out["stdlib"] = sorted(getattr(sys, "stdlib_module_names", ()))
packages, installed, requires = {}, {}, {}
try:
    import importlib.metadata as md
except ImportError:
    md = None
if md is not None:
    dists = list(md.distributions())
    for d in dists:
        try:
            name = d.metadata["Name"]
        except Exception:
            name = None
        if name and name not in installed:
            installed[name] = d.version
            try:
                requires[name] = list(d.requires or [])
            except Exception:
                pass
    try:
        packages = {k: sorted(set(v)) for k, v in md.packages_distributions().items()}
    except AttributeError:
        for d in dists:
            name = d.metadata["Name"]
            for top in (d.read_text("top_level.txt") or "").split():
                packages.setdefault(top, []).append(name)
out["packages"] = packages
out["installed"] = installed
out["requires"] = requires
sys.stdout.write(json.dumps(out))
`;

export interface ProbeResult {
  facts?: InterpreterFacts & { executable?: string };
  /** Why the interpreter could not be used (missing, timed out, not Python 3). */
  problem?: string;
}

/** Asks `python` (a path or a command on PATH) what it knows. Never throws. */
export function probeInterpreter(python: string, timeoutMs = 20000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(
      python,
      // A neutral working folder: `-c` puts it first on sys.path, and a project's own json.py must not shadow the
      // stdlib here.
      ['-c', PROBE],
      { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, windowsHide: true, cwd: os.tmpdir() },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'ENOENT') return resolve({ problem: `Python interpreter "${python}" not found` });
          // err.message repeats the whole command line (the probe program): one line is enough.
          const why = err.killed
            ? 'timed out'
            : String(stderr).trim().split('\n').pop()?.trim() ||
              (typeof code === 'number'
                ? `exit code ${code}`
                : err.signal
                  ? `killed by ${err.signal}`
                  : String(code ?? 'failed'));
          resolve({ problem: `cannot run ${python}: ${why}` });
          return;
        }
        try {
          const facts = JSON.parse(stdout) as ProbeResult['facts'];
          if (!/^3\./.test(facts?.version ?? ''))
            resolve({ problem: `Python interpreter "${python}" is Python ${facts?.version}, not Python 3` });
          else resolve({ facts });
        } catch {
          resolve({ problem: `Python interpreter "${python}" gave unreadable output` });
        }
      },
    );
  });
}
