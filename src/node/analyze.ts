import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ImportSite, ProjectAnalysis, ScanWarning } from '../core/project';
import { scanPython } from '../core/python/extract';
import { extractNotebook, PipInstall } from '../core/python/notebook';
import { appFrameworks, detectMode, FileFacts, hasTopLevelCode, mentionedScripts } from '../core/python/mode';
import { InterpreterFacts, LocalModules } from '../core/python/resolve';
import { bundledStdlib } from '../core/python/data/stdlib';
import { satisfiesRequiresPython } from '../core/python/pythonVersion';
import { buildRequirements, hasCudaHint, isGpuProject } from '../core/python/requirements';
import { hasGuiCall } from '../core/generate/lean';
import { COMPOSE_FILE_NAMES, LOCK_FILE } from '../core/projectFiles';
import { walkProject } from './walk';
import { readDeclarations } from './declarations';
import { declaresEditableInstall, readProjectDocs } from './projectDocs';
import { probeInterpreter } from './probe';
import { findHugeLine, MAX_NOTEBOOK_BYTES, MAX_PY_BYTES, readNotebookStripped, readSource } from './readSource';
import { cancelled } from './cancelled';
import { launcherFacts, launcherKind } from '../core/python/launchers';
import { argvDemand, mainFacts } from '../core/python/entryFacts';
import { chooseLaunch, EntryFacts } from '../core/python/launchChoice';
import { readLaunches } from './launchFiles';
import { withoutOwnStartLines } from '../core/python/ownDockerfile';
import { leaveOutNested } from './nestedProjects';
import { leaveOutInstalled, readDirectInstalls } from './directInstalls';
import type { RuntimeNeed } from '../core/python/runtimeNeeds';
import { isDevPath } from '../core/python/classify';
import { applyVerdicts, condaNamesToCheck, namesToCheck } from '../core/python/availability';
import type { ImportClass, RuntimeNeedSite } from '../core/project';
import { checkOnIndex } from './indexCheck';
import { isExcluded } from '../core/requirements/exclude';
import { pipInputsOf } from '../core/requirements/includes';

export interface AnalyzeOptions {
  /**
   * Python interpreter to probe for stdlib names, import→distribution map and versions (default `python3`);
   * false: bundled data only.
   */
  python?: string | false;
  /** Leave every requirement unpinned (no version lookup). */
  noPin?: boolean;
  /** Called with progress as files are scanned (for long scans in the editor). */
  onProgress?: (scannedFiles: number, totalFiles: number) => void;
  signal?: AbortSignal;
  /** Ask no package index about names the bundled data does not know (they become comment lines). */
  offline?: boolean;
  /** The simple-API index to ask; default: the one the user's pip uses. */
  indexUrl?: string;
  /** Distributions the user excluded outside requirements.txt (`--exclude`, `dsContainers.requirements.exclude`). */
  exclude?: readonly string[];
}

/** The Python version assumed when neither the project nor an interpreter says (the stand-in images' version). */
export const DEFAULT_PYTHON = '3.11';
const EXISTING = [
  'requirements.txt',
  'Dockerfile',
  ...COMPOSE_FILE_NAMES,
  '.dockerignore',
  '.env',
  '.env.example',
  LOCK_FILE,
];
const CONCURRENCY = 16;
const BIG_NOTEBOOK = 8 * 1024 * 1024;

/**
 * Scans a project folder: imports, requirements, mode, entry, Python version. Unreadable or odd
 * files become warnings naming the file; only an unreadable root rejects.
 */
export async function analyzeProject(root: string, opts: AnalyzeOptions = {}): Promise<ProjectAnalysis> {
  const absRoot = path.resolve(root);
  const python = opts.python === undefined ? 'python3' : opts.python;
  const [walk, decl, probe, docs, launched] = await Promise.all([
    walkProject(absRoot, opts.signal),
    readDeclarations(absRoot),
    python === false ? Promise.resolve({ facts: undefined, problem: undefined }) : probeInterpreter(python),
    readProjectDocs(absRoot),
    readLaunches(absRoot),
  ]);
  const warnings: ScanWarning[] = [...walk.warnings, ...decl.warnings, ...launched.warnings];
  // Local folders and URLs requirements.txt installs provide their imports; pip installs each folder's own needs.
  const direct = await readDirectInstalls(absRoot, walk.python);
  leaveOutInstalled(walk, direct.folders);
  // A subfolder that is a project of its own (its own environment.yml) is not part of this one's scan.
  warnings.push(...(await leaveOutNested(absRoot, walk, direct.folders)));
  // What each runnable file asks of its launch (arguments, a main that sets up before serving).
  const entryFacts: Record<string, EntryFacts> = {};
  if (probe.problem) warnings.push({ file: '.', message: `${probe.problem}; using bundled data (versions unknown)` });
  const interp: InterpreterFacts = probe.facts ?? {};
  const pythonRange = decl.python?.range;
  // requires-python is a range: the interpreter's version is the better choice when it is inside it.
  if (decl.python?.range && interp.version && satisfiesRequiresPython(interp.version, decl.python.range))
    decl.python = undefined;
  const pythonVersion = decl.python?.version ?? interp.version ?? DEFAULT_PYTHON;
  if (decl.python && interp.version && interp.version !== decl.python.version && !opts.noPin) {
    warnings.push({
      file: decl.python.file,
      message:
        `the project targets Python ${decl.python.version} but ${python} is ${interp.version}; ` +
        `installed versions are taken from ${interp.version}`,
    });
  }
  const stdlib =
    interp.version === pythonVersion && interp.stdlib?.length ? new Set(interp.stdlib) : bundledStdlib(pythonVersion);
  const local = new LocalModules(walk.python);

  const sites: (ImportSite & { names: string[] })[] = [];
  const pips: (PipInstall & { file: string })[] = [];
  const files: FileFacts[] = [];
  const written = new Set<string>();
  const shipped = new Set<string>();
  // Folders an import reaches beyond the importing file's own: '.' (the root package from examples/x.py), 'src'.
  const importRoots = new Set<string>();
  const localSites = new Map<string, ImportSite[]>();
  const needs: (RuntimeNeedSite & { name: string; class: ImportClass })[] = [];
  const addNeeds = (list: (RuntimeNeed & { cell?: number })[], file: string, cls: ImportClass): void => {
    for (const n of list) {
      const site = {
        file,
        line: n.line,
        ...(n.cell === undefined ? {} : { cell: n.cell }),
        reason: n.reason + (n.alternatives ? ` (or ${n.alternatives.join(', ')})` : ''),
      };
      if (n.kind === 'install') needs.push({ ...site, name: n.name, class: cls });
      else if (cls === 'runtime')
        warnings.push({
          file,
          line: n.cell === undefined ? n.line : undefined,
          message: `${n.cell === undefined ? '' : `cell ${n.cell + 1}, line ${n.line}: `}${n.reason}`,
        });
    }
  };
  let cuda = decl.cudaHint;
  let gui = false;
  // Notebooks with large outputs would cost several times their size once parsed: those are
  // streamed one at a time with their outputs dropped, so peak memory stays bounded.
  const sizes = await Promise.all(
    walk.notebooks.map((f) =>
      fs.stat(path.join(absRoot, f)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  const big = walk.notebooks.filter((_, k) => sizes[k] > BIG_NOTEBOOK);
  const all = [
    ...walk.python.map((f) => ({ f, nb: false })),
    ...walk.notebooks.filter((_, k) => sizes[k] <= BIG_NOTEBOOK).map((f) => ({ f, nb: true })),
  ];
  const total = all.length + big.length;
  let done = 0;

  const scanOne = async ({ f, nb, big }: { f: string; nb: boolean; big?: boolean }): Promise<void> => {
    const abs = path.join(absRoot, f);
    const src = big ? await readNotebookStripped(abs) : await readSource(abs, nb ? MAX_NOTEBOOK_BYTES : MAX_PY_BYTES);
    if (src.warning) warnings.push({ file: f, message: src.warning });
    if (src.text === undefined) return;
    let code = src.text;
    const fileSites: (ImportSite & { names: string[] })[] = [];
    let guard = false;
    if (nb) {
      const facts = extractNotebook(src.text, { file: f });
      for (const w of facts.warnings)
        warnings.push({
          file: f,
          message: w.cell === undefined ? w.message : `cell ${w.cell + 1}, line ${w.line}: ${w.message}`,
        });
      if (!facts.python) return;
      for (const i of facts.imports)
        if (!i.isRelative)
          fileSites.push({ module: i.module, file: f, line: i.line, cell: i.cell, class: i.class, names: i.names });
      for (const p of facts.pipInstalls) pips.push({ ...p, file: f });
      for (const m of facts.writtenModules) written.add(m);
      const cls: ImportClass = isDevPath(f) ? 'dev' : 'runtime';
      for (const r of facts.moduleRuns)
        fileSites.push({ module: r.module, file: f, line: r.line, cell: r.cell, class: cls, names: [] });
      addNeeds(facts.needs, f, cls);
      code = facts.code;
      guard = facts.hasMainGuard;
    } else {
      const facts = scanPython(src.text, { file: f });
      for (const w of facts.warnings) warnings.push({ file: f, line: w.line, message: w.message });
      for (const i of facts.imports)
        if (!i.isRelative) fileSites.push({ module: i.module, file: f, line: i.line, class: i.class, names: i.names });
      addNeeds(facts.needs, f, isDevPath(f) ? 'dev' : 'runtime');
      guard = facts.hasMainGuard;
    }
    for (const s of fileSites) {
      const where = local.rootOf(top(s.module), f);
      if (where && !nb)
        localSites.set(f, [
          ...(localSites.get(f) ?? []),
          { module: s.module, file: s.file, line: s.line, class: s.class },
        ]);
      if (where === 'src' || (where === '.' && !isDevPath(f))) importRoots.add(where);
    }
    const huge = findHugeLine(code);
    if (huge)
      warnings.push({
        file: f,
        line: nb ? undefined : huge.line,
        message: `a line of ${huge.length} characters (generated or minified code?); scanned anyway`,
      });
    // Stdlib and project modules need nothing installed (relative imports, local by definition, are already out).
    const external = fileSites.filter(
      (s) => !stdlib.has(top(s.module)) && !local.isLocal(top(s.module), f) && !direct.provided.has(top(s.module)),
    );
    // A module the project ships elsewhere in it (a notebook's `sys.path` folder) is its own, never an install line.
    for (let i = external.length - 1; i >= 0; i--) {
      const t = top(external[i].module);
      const at = local.shippedAt(t, f);
      if (!at) continue;
      if (!shipped.has(t))
        warnings.push({
          file: f,
          line: nb ? undefined : external[i].line,
          message: `"${t}" is the project's own module (${at}), not an install line; its folder must be on sys.path`,
        });
      shipped.add(t);
      external.splice(i, 1);
    }
    sites.push(...external);
    if (!cuda && hasCudaHint(code)) cuda = true;
    if (!gui && hasGuiCall(code)) gui = true;
    const runtimeTops = external.filter((s) => s.class === 'runtime').map((s) => top(s.module));
    const topLevelCode = !nb && !guard && hasTopLevelCode(code);
    files.push({ file: f, notebook: nb, hasMainGuard: guard, topLevelCode, apps: appFrameworks(code, runtimeTops) });
    if (!nb && (guard || topLevelCode || /(?:^|\/)__main__\.py$/.test(f)))
      entryFacts[f] = { argv: argvDemand(code), main: guard ? mainFacts(code) : undefined };
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < all.length) {
      if (opts.signal?.aborted) throw cancelled('scan');
      await scanOne(all[next++]);
      opts.onProgress?.(++done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, all.length) }, worker));
  for (const f of big) {
    if (opts.signal?.aborted) throw cancelled('scan');
    await scanOne({ f, nb: true, big: true });
    opts.onProgress?.(++done, total);
  }

  const declared = [...decl.packages];
  for (const f of walk.launchers) {
    if (opts.signal?.aborted) throw cancelled('scan');
    const src = await readSource(path.join(absRoot, f), MAX_PY_BYTES);
    if (src.text === undefined) continue;
    const kind = launcherKind(f)!;
    const facts = launcherFacts(kind, kind === 'dockerfile' ? withoutOwnStartLines(src.text) : src.text);
    // Lint, format and test scripts run no part of the image.
    const cls: ImportClass =
      isDevPath(f) || /(?:^|\/)(?:lint|format|test|tests-start|style|release)[\w-]*\.sh$/.test(f) ? 'dev' : 'runtime';
    addNeeds(facts.needs, f, cls);
    if (launcherKind(f) !== 'makefile')
      for (const m of facts.modules) sites.push({ module: m.module, file: f, line: m.line, class: cls, names: [] });
    // `pip install argparse` in an old Dockerfile names a backport of what the standard library has.
    for (const p of facts.pipInstalls)
      if (!stdlib.has(p.name.toLowerCase()))
        declared.push({ name: p.name, spec: p.spec, file: f, line: p.line, class: cls });
  }
  for (const r of decl.reported)
    warnings.push({
      file: r.file,
      line: r.line,
      message: `${r.name}: not installable with pip (${r.reason}); reported, not installed`,
    });
  const {
    requirements,
    unresolved,
    warnings: reqWarnings,
  } = buildRequirements({
    sites: sites.filter(
      (s) =>
        !written.has(top(s.module)) &&
        !stdlib.has(top(s.module)) &&
        !local.isLocal(top(s.module), s.file) &&
        !direct.provided.has(top(s.module)),
    ),
    pips,
    declared,
    needs,
    interp,
    noPin: !!opts.noPin,
    interpreterName: python || undefined,
    pythonVersion,
  });
  // Names guessed from imports that no bundled data knows: the package index decides (never an install line it lacks).
  const unknown = namesToCheck(requirements);
  // Conda-declared names too: a conda-only package would fail `pip install` (the bundled list answers most offline).
  const conda = condaNamesToCheck(requirements, decl.condaNames).filter((n) => !unknown.includes(n));
  if (unknown.length || conda.length) {
    const { verdicts, index } = await checkOnIndex([...unknown, ...conda], {
      offline: opts.offline,
      indexUrl: opts.indexUrl,
    });
    reqWarnings.push(...applyVerdicts(requirements, verdicts, index, new Set(conda)));
  }
  files.sort((a, b) => (a.file < b.file ? -1 : 1));
  const present = new Set([...walk.python, ...walk.launchers]);
  for (const l of launched.launches)
    if (
      await fs.stat(path.join(absRoot, l.entry)).then(
        (st) => st.isFile(),
        () => false,
      )
    )
      present.add(l.entry);
  const { warnings: launchWarnings, ...mode } = chooseLaunch({
    detected: detectMode(files, mentionedScripts(docs)),
    launches: launched.launches,
    facts: entryFacts,
    exists: (f) => present.has(f),
    dvcStages: launched.dvcStages,
  });
  warnings.push(...launchWarnings);
  const existing: string[] = [];
  for (const f of EXISTING)
    if (
      await fs.stat(path.join(absRoot, f)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      existing.push(f);
  const pipInputs = existing.includes('requirements.txt') ? await readPipInputs(absRoot) : undefined;
  return {
    root: absRoot,
    ...mode,
    pythonVersion,
    requirements,
    unresolved,
    // Modules a notebook writes with %%file are the project's too, though not on disk yet.
    localModules: [...new Set([...local.topLevel(), ...[...written].map(top)])].sort(),
    ...(importRoots.size ? { importRoots: [...importRoots].sort() } : {}),
    ...(mode.entry && localSites.get(mode.entry)?.length ? { entryImports: localSites.get(mode.entry) } : {}),
    ...installableOf(decl, docs, warnings),
    ...excludedOf(decl.excluded, opts.exclude),
    notebooks: walk.notebooks,
    existing,
    ...(pipInputs ? { pipInputs } : {}),
    gpu: isGpuProject(requirements, cuda),
    ...(gui ? { guiCalls: true } : {}),
    warnings: sortWarnings([...warnings, ...reqWarnings]),
    pythonVersionFrom: decl.python?.file ?? (interp.version ? 'interpreter' : 'default'),
    ...(pythonRange ? { pythonRange } : {}),
    ...(python === false
      ? {}
      : {
          interpreter: {
            command: python,
            executable: probe.facts?.executable,
            version: interp.version,
            problem: probe.problem,
            ...(interp.installed ? { installed: interp.installed, requires: interp.requires ?? {} } : {}),
          },
        }),
  };
}

/**
 * How the project installs itself: a build system in pyproject.toml, or environment.yml's `pip: - .` (which pip
 * builds with setuptools when pyproject.toml has no [build-system]); `- .` with nothing to build is a warning.
 */
function installableOf(
  decl: Awaited<ReturnType<typeof readDeclarations>>,
  docs: string,
  warnings: ScanWarning[],
): Pick<ProjectAnalysis, 'installable'> {
  const editable = declaresEditableInstall(docs) || !!decl.selfInstall?.editable;
  if (decl.buildSystem) return { installable: { editable, buildRequires: decl.buildSystem.requires } };
  if (!decl.selfInstall) return {};
  if (decl.selfNames.length) return { installable: { editable, buildRequires: [] } };
  const { file, line } = decl.selfInstall;
  warnings.push({
    file,
    line,
    message: '`pip: - .` installs this project, but it has no pyproject.toml, setup.py or setup.cfg to build',
  });
  return {};
}

function top(module: string): string {
  const dot = module.indexOf('.');
  return dot < 0 ? module : module.slice(0, dot);
}

function sortWarnings(ws: ScanWarning[]): ScanWarning[] {
  return ws.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** The `# dsc: exclude` directives' names and the caller's, once each: every consumer reads `excluded`. */
function excludedOf(directives: { name: string }[], extra: readonly string[] = []): { excluded?: string[] } {
  const names = [...directives.map((d) => d.name)];
  for (const n of extra) if (!isExcluded(n, names)) names.push(n);
  return names.length ? { excluded: names } : {};
}

/**
 * What the image's `pip install -r requirements.txt` reads besides it (issue 26, defect 8: `-e ./libs/mylib` and
 * `-r base.txt` failed, only requirements.txt being in the image then). Undefined when it reads nothing else.
 * Paths a Dockerfile line could not carry (quotes, newlines, backslashes) are left out.
 */
async function readPipInputs(root: string): Promise<ProjectAnalysis['pipInputs']> {
  const read = (f: string) => fs.readFile(path.join(root, f), 'utf8').catch(() => undefined);
  const exists = (f: string) =>
    fs.stat(path.join(root, f)).then(
      () => true,
      () => false,
    );
  const found = await pipInputsOf('requirements.txt', read);
  const files: string[] = [];
  for (const f of found.files) if (!/["\\\n\r]/.test(f) && (await exists(f))) files.push(f);
  return files.length || found.vcs ? { files, vcs: found.vcs } : undefined;
}
