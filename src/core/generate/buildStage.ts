/**
 * Build tools (compilers, headers) are needed to install a package that has no wheel, never to run it: they go in
 * a build stage of a multi-stage Dockerfile, and the image gets only what pip installed plus the shared libraries
 * the compiled code loads.
 */
import { normalizeName } from '../requirements/names';

/** Distributions that compile at install time, and the Debian runtime libraries their builds link to. */
const COMPILED: Readonly<Record<string, string[]>> = {
  psycopg2: ['libpq5'],
  mysqlclient: ['libmariadb3'],
  pyaudio: ['libportaudio2'],
  dlib: [],
};

/** Apt packages that only build: compilers, build systems, headers, and git (pip clones `git+` lines). */
export function isBuildTool(pkg: string): boolean {
  return (
    /^(gcc|g\+\+|clang|make|cmake|build-essential|pkg-config|autoconf|automake|libtool|swig|git)$/.test(pkg) ||
    /-dev$/.test(pkg)
  );
}

export interface BuildSplit {
  /** Installed in the build stage only. */
  build: string[];
  /** Installed in the image (runtime libraries, and every package that is not a build tool). */
  runtime: string[];
}

/**
 * Splits the apt packages between a build stage and the image when a requirement compiles; undefined when none
 * does (one stage then).
 */
export function buildSplit(requirements: readonly { name: string }[], apt: readonly string[]): BuildSplit | undefined {
  const compiled = requirements.map((r) => normalizeName(r.name)).filter((n) => n in COMPILED);
  const build = apt.filter(isBuildTool);
  if (!compiled.length || !build.length) return undefined;
  const runtime = [...new Set([...apt.filter((p) => !isBuildTool(p)), ...compiled.flatMap((n) => COMPILED[n])])];
  return { build: [...new Set(build)].sort(), runtime: runtime.sort() };
}
