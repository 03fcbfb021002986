// The held-out requirements benchmark (see README.md beside this file): lays each project of projects.tsv out
// from its repository snapshot at the recorded commit, without the files that declare its dependencies, in a
// cache outside the repository. Run alone: `node out/bench/heldout/layout.js` (after `npm run build`).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const LIST = path.resolve(__dirname, '../../../bench/heldout/projects.tsv');
/** Where the snapshots are: one bare git directory per repository, `OWNER+NAME/repo` (or `.../repo/.git`). */
export const MIRROR = process.env.DSC_HELDOUT_MIRROR ?? '/work/.mirror';
/** Where the projects are laid out (never inside the repository: their code is not ours to commit). */
export const CACHE = process.env.DSC_HELDOUT_DIR ?? '/var/cache/ds-containers/heldout';

export interface HeldOutProject {
  name: string;
  repo: string;
  commit: string;
  subdir: string;
  declaredIn: string[];
  declared: string[];
  kind: string;
}

// Files that list a project's dependencies, wherever they are in it: the benchmark measures what scan finds
// without them (a setup.py or pyproject.toml stays unless it is the declaring file: it also names the project).
const DECLARATIONS =
  /(^|\/)(requirements[^/]*\.(txt|in)|environment[^/]*\.ya?ml|conda\.ya?ml|Pipfile(\.lock)?|poetry\.lock|uv\.lock)$/i;

export function readProjects(): HeldOutProject[] {
  return fs
    .readFileSync(LIST, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [name, repo, commit, subdir, declaredIn, declared, kind] = l.split('\t');
      return { name, repo, commit, subdir, declaredIn: declaredIn.split(','), declared: declared.split(' '), kind };
    });
}

function gitDir(repo: string): string | undefined {
  const base = path.join(MIRROR, repo.replace('/', '+'), 'repo');
  for (const d of [path.join(base, '.git'), base]) if (fs.existsSync(path.join(d, 'HEAD'))) return d;
  return undefined;
}

function removeDeclarations(dir: string, declaredIn: string[], rel = ''): void {
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) removeDeclarations(dir, declaredIn, r);
    else if (DECLARATIONS.test(r) || declaredIn.includes(r)) fs.rmSync(path.join(dir, r));
  }
}

/** Lays one project out (once; a marker records the commit). Returns its folder, or why it could not. */
export function layOutProject(p: HeldOutProject): { dir?: string; error?: string } {
  const dir = path.join(CACHE, p.name);
  const marker = path.join(dir, '.heldout-commit');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === p.commit) return { dir };
  const git = gitDir(p.repo);
  if (!git) return { error: `no snapshot of ${p.repo} under ${MIRROR}` };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tree = p.subdir === '.' ? p.commit : `${p.commit}:${p.subdir}`;
  // Not `git archive`: a snapshot may lack its largest blobs (data files); those are left out, the code is not.
  const ls = spawnSync('git', ['--git-dir', git, 'ls-tree', '-r', '-z', tree], { maxBuffer: 1 << 26 });
  if (ls.status !== 0) return { error: `${p.repo}@${p.commit}: ${ls.stderr.toString().trim()}` };
  const entries = ls.stdout
    .toString()
    .split('\0')
    .filter(Boolean)
    .map((e) => {
      const [meta, file] = e.split('\t');
      const [mode, type, sha] = meta.split(' ');
      return { mode, type, sha, file };
    })
    .filter((e) => e.type === 'blob' && e.mode !== '120000');
  const batch = spawnSync('git', ['--git-dir', git, 'cat-file', '--batch'], {
    input: entries.map((e) => e.sha).join('\n') + '\n',
    maxBuffer: 1 << 30,
  });
  const out = batch.stdout;
  let at = 0;
  for (const e of entries) {
    const nl = out.indexOf(10, at);
    const header = out.subarray(at, nl).toString();
    at = nl + 1;
    if (header.endsWith(' missing')) continue;
    const size = Number(header.split(' ')[2]);
    const abs = path.join(dir, e.file);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, out.subarray(at, at + size));
    at += size + 1;
  }
  removeDeclarations(dir, p.declaredIn);
  fs.writeFileSync(marker, p.commit + '\n');
  return { dir };
}

if (require.main === module) {
  for (const p of readProjects()) {
    const r = layOutProject(p);
    console.log(r.dir ? `${p.name}: ${r.dir}` : `${p.name}: skipped (${r.error})`);
  }
}
