import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Services } from '../services';
import { describeInterpreter } from '../../core/python/interpreterChoice';
import { scaffoldProject, scaffoldReport } from '../../node/scaffold';
import { devcontainerFile, generateAll, validateSpec } from '../../core/generate';
import { offerDevContainer } from '../develop/offer';
import { ProjectSpec } from '../../core/project';
import { describeChanges } from '../../core/generate/existing';
import { BuildOutcome } from '../../node/docker/build';
import { UserCancelled } from '../platform/errors';
import { buildWithProgress } from '../platform/buildImage';
import { runInTerminal } from './runTerminal';
import { RunHandle } from './state';
import { BuildTarget, targetOf } from '../platform/target';
import { ConsentMemory } from './consentMemory';
import { openInBrowser } from './jupyter';
import { workspaceProjects } from '../platform/projects';
import { pickBaseImage } from './baseImagePick';
import { editSpec } from './preview';
import { sizeFacts } from './leanPreview';
import { projectDataOut } from '../../node/dataFiles';
import { setting } from '../platform/settings';
import { chooseWithoutEntry } from './entryPick';
import { proposeSpec, ProposalCancelled } from '../../node/containerize/propose';
import { PinSource } from '../../core/environment/pins';
import { Engine } from '../../node/docker/engine';

/** Options for tests and automation; users get the interactive path (no options). */
export interface ContainerizeOptions {
  folder?: vscode.Uri | string;
  /** Overrides applied to the spec the scan proposes (e.g. baseImage). */
  spec?: Partial<ProjectSpec>;
  /** Skip the editable preview and the per-file prompts. */
  noPreview?: boolean;
  /** Without the prompts: replace existing generated files (default: keep them). */
  overwrite?: boolean;
  /** Leave requirements unpinned instead of taking the local interpreter's versions. */
  noPin?: boolean;
  /** Where the pins come from (the CLI's --pins): the interpreter (default), the base image, or none. */
  pins?: PinSource;
  /** Stop after writing, or after building. */
  build?: boolean;
  run?: boolean;
}

export interface ContainerizeResult {
  written: string[];
  kept: string[];
  /** The project folder it wrote to. */
  folder?: string;
  /** What the proposal changed from the current Dockerfile ("base image: a → b"). */
  changes?: string[];
  /** The closing message shown (success with its next step, or the failure with its cause). */
  message?: string;
  build?: BuildOutcome;
  run?: RunHandle;
}

/** Scan with progress → preview → write with consent (diff for existing files) → build → run → next step. */
export async function containerize(s: Services, o: ContainerizeOptions = {}): Promise<ContainerizeResult> {
  const dir = await folderOf(o.folder);
  // Versions are pinned from the interpreter the user works with (the Python extension's, when installed).
  const python = await s.python.forResource(vscode.Uri.file(dir));
  s.log.info(`containerize ${dir}: interpreter ${describeInterpreter(python)}`);
  // The analysis the Project view and drift diagnostics show (one per project, kept until a file changes).
  const analysis = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Scanning ${path.basename(dir)}`, cancellable: true },
    (p, token) =>
      Promise.race([
        s.analyses.get(dir, { noPin: o.noPin, onProgress: (n, total) => p.report({ message: `${n}/${total} files` }) }),
        // Cancel stops waiting; the shared analysis goes on for the other views.
        new Promise<never>((_, reject) => token.onCancellationRequested(() => reject(new UserCancelled()))),
      ]),
  );
  for (const w of analysis.warnings) s.log.warn(`${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`);
  // The shared workflow proposes (node/containerize), as the CLI's scaffold does: the current Dockerfile's base,
  // mode and entry first; Jupyter and pins from asking the base image; the same notes.
  const proposal = await proposeSpec(
    dir,
    analysis,
    {
      baseImage: o.spec?.baseImage,
      mode: o.spec?.mode,
      entry: o.spec?.entry,
      args: o.spec?.args,
      tag: o.spec?.tag,
      pins: o.pins ?? (o.noPin ? 'none' : undefined),
    },
    {
      engine: engineOrUndefined(s),
      // Nothing runnable: the user chooses JupyterLab or a file here, where the CLI names its flags.
      chooseEntry: o.noPreview ? undefined : (noCode) => chooseWithoutEntry(noCode),
    },
  ).catch((e: unknown) => {
    throw e instanceof ProposalCancelled ? new UserCancelled() : e;
  });
  const existing = proposal.existing;
  for (const n of proposal.notes)
    s.log[n.level === 'warning' ? 'warn' : 'info'](`${n.file ? `${n.file}: ` : ''}${n.message}`);
  let spec: ProjectSpec = { ...proposal.spec, ...o.spec };
  spec.dataOut ??= await projectDataOut(dir, { thresholdMB: setting('build.dataThresholdMB', vscode.Uri.file(dir)) });
  const files = [...Object.keys(generateAll(spec)), devcontainerFile];
  const label = vscode.workspace.asRelativePath(dir, true);
  // An engine that cannot be reached is said in the preview, before anything is written; the files still are.
  const noBuild = o.build === false ? undefined : await engineProblem(s);
  if (noBuild) s.log.warn(`containerize ${dir}: ${noBuild}: files only, no build`);
  const result: ContainerizeResult = { written: [], kept: [], folder: dir };
  const memory = new ConsentMemory(s.context.workspaceState);
  for (;;) {
    // The preview's fields are free text: a value that would inject Dockerfile text is refused,
    // and the user edits again.
    const proposed = spec;
    for (;;) {
      if (!o.noPreview)
        spec = await editSpec(spec, files, {
          folder: label,
          changes: describeChanges(existing, spec),
          pickBaseImage: (cur) => pickBaseImage(s, cur),
          analysis,
          noBuild,
          facts: await sizeFacts(s, spec),
          argsFrom: proposal.argsFrom,
        });
      try {
        validateSpec(spec);
        break;
      } catch (e) {
        if (o.noPreview) throw e;
        await vscode.window.showErrorMessage(`Containerize: ${(e as Error).message}`, { modal: true });
      }
    }
    const keptAgain: string[] = [];
    result.changes = describeChanges(existing, spec);
    if (result.changes.length)
      s.log.info(`containerize ${dir}: changes from the current Dockerfile: ${result.changes.join('; ')}`);
    const scaffold = await scaffoldProject(dir, spec, analysis, {
      // requirements.txt is merged (the user's lines and pins stay); the others replace only with consent.
      // Asked once per file: our own unchanged output is replaced, a file kept before is kept again.
      consent: async (name, before, proposed) => {
        const file = path.join(dir, name);
        const known = memory.decide(file, before);
        if (known) {
          if (known === 'kept') keptAgain.push(name);
          return known === 'ours';
        }
        if (o.noPreview) return !!o.overwrite;
        const replace = await askOverwrite(file, proposed);
        if (!replace) await memory.kept(file, before);
        return replace;
      },
      // The same image to develop in (Dev Containers), offered like the other files.
      devcontainer: { name: path.basename(dir) },
      // A version changed in the preview wins over the line requirements.txt has (the preview shows that line).
      replaceRequirements: editedRequirements(proposed, spec),
    });
    for (const f of scaffold.files)
      if (f.outcome === 'written' || f.outcome === 'overwritten')
        await memory.wrote(path.join(dir, f.name), f.proposed);
    const report = scaffoldReport(scaffold, (f, l) => `${path.join(dir, f)}${l ? `:${l}` : ''}`);
    for (const line of report.info) s.log.info(line);
    for (const line of report.warnings) s.log.warn(line);
    const writtenNow = scaffold.files
      .filter((f) => ['written', 'overwritten', 'merged'].includes(f.outcome))
      .map((f) => f.name);
    result.written = [...new Set([...result.written, ...writtenNow])];
    result.kept = scaffold.files.filter((f) => f.outcome === 'kept' || f.outcome === 'not-merged').map((f) => f.name);
    const notes = [
      ...(scaffold.problem
        ? [`requirements.txt line ${scaffold.problem.line}: ${scaffold.problem.message}; it was not merged.`]
        : []),
      ...(keptAgain.length
        ? [`Kept your ${keptAgain.join(', ')} as before (it asks again once you change the file).`]
        : []),
      ...(scaffold.replaced?.length
        ? [`requirements.txt now says ${scaffold.replaced.map((r) => r.split(' → ')[1]).join(', ')}, as edited.`]
        : []),
      ...(scaffold.added.length ? [`Added to requirements.txt: ${scaffold.added.join(', ')}.`] : []),
      ...(scaffold.unused.length ? [`Nothing imports ${scaffold.unused.join(', ')} (kept in requirements.txt).`] : []),
    ];
    // The image would miss what a broken requirements.txt could not get: stop before building.
    if (scaffold.problem) {
      result.message = notes.join(' ');
      s.log.warn(result.message);
      void vscode.window.showWarningMessage(result.message, 'Open requirements.txt', 'Show Logs').then((pick) => {
        if (pick === 'Show Logs') s.log.show();
        if (pick)
          void vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, 'requirements.txt')), {
            selection: new vscode.Range(scaffold.problem!.line - 1, 0, scaffold.problem!.line - 1, 0),
          });
      });
      return result;
    }
    if (writtenNow.includes(devcontainerFile) && !o.noPreview) offerDevContainer(s, dir);
    // The tag is read back from the Dockerfile's `# Build:` comment, as Build and Run from the Project view do.
    const t = targetOf(path.join(dir, 'Dockerfile'));
    if (spec.tag && t.tag !== spec.tag)
      notes.push(
        `Your Dockerfile was kept: it builds as ${t.tag} (the tag its # Build: line names, else the folder's).`,
      );
    if (noBuild) notes.push(`Nothing was built: ${noBuild}. Build once Docker is back.`);
    if (o.build === false || noBuild) return done(s, result, t, spec, notes);
    // Retry and "Edit Preview" loop back here; the failure message of a Containerize offers both.
    for (;;) {
      // A success is followed by the lock and push offers (made on the build event by lock/ and registries/).
      result.build = await buildWithProgress(s, t, { quiet: true, offer: true });
      if (result.build.ok) break;
      const next = await buildFailed(s, result, t, o.noPreview);
      if (next === 'retry') continue;
      if (next === 'edit') break;
      return result;
    }
    if (!result.build.ok) continue; // Edit Preview: back to the preview with the same spec
    if (o.run !== false) result.run = await runInTerminal(s, t, { offer: false });
    return done(s, result, t, spec, notes);
  }
}

/** The requirements whose version the user changed in the preview (kept in both, a different version). */
export function editedRequirements(before: ProjectSpec, after: ProjectSpec): string[] {
  const was = new Map(before.requirements.map((r) => [r.name.toLowerCase(), r.version ?? '']));
  return after.requirements
    .filter((r) => was.has(r.name.toLowerCase()) && was.get(r.name.toLowerCase()) !== (r.version ?? ''))
    .map((r) => r.name);
}

/** Why the engine cannot build now ("cannot reach Docker at …"), within 3 s; undefined when it answers. */
async function engineProblem(s: Services): Promise<string | undefined> {
  const late = new Promise<string>((r) => setTimeout(() => r('Docker did not answer within 3 s'), 3000).unref());
  return Promise.race([
    s.engine
      .get()
      .ping()
      .then(
        () => undefined,
        (e: Error) => e.message,
      ),
    late,
  ]);
}

/** The engine to ask the base image through; none when the endpoint settings cannot be read. */
function engineOrUndefined(s: Services): Engine | undefined {
  try {
    return s.engine.get();
  } catch {
    return undefined;
  }
}

/** The failed build's message with what fixes its likely cause; resolves to the user's choice. */
async function buildFailed(
  s: Services,
  r: ContainerizeResult,
  t: BuildTarget,
  noPreview?: boolean,
): Promise<'retry' | 'edit' | undefined> {
  const b = r.build!;
  const cause = b.location?.message ?? b.error ?? 'unknown error';
  const line = b.location?.line;
  r.message = `Build of ${t.tag} failed${line !== undefined ? ` at Dockerfile line ${line + 1}` : ''}: ${cause}`;
  const pip = /requirement|distribution|pip/i.test(`${cause} ${b.failedStep?.name ?? ''}`);
  const actions = [
    ...(pip ? ['Open requirements.txt'] : ['Go to Line']),
    ...(noPreview ? [] : ['Edit Preview']),
    'Retry',
    'Show Logs',
  ];
  if (noPreview) {
    void vscode.window.showErrorMessage(r.message, ...actions);
    return undefined;
  }
  const pick = await vscode.window.showErrorMessage(r.message, ...actions);
  if (pick === 'Open requirements.txt')
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(t.dir, 'requirements.txt')));
  if (pick === 'Go to Line')
    await vscode.window.showTextDocument(vscode.Uri.file(t.dockerfile), {
      selection: new vscode.Range(line ?? 0, 0, line ?? 0, 0),
    });
  if (pick === 'Show Logs') s.log.show();
  return pick === 'Retry' ? 'retry' : pick === 'Edit Preview' ? 'edit' : undefined;
}

/** A short success message with the next step: Run / Open Jupyter / Open Dockerfile. */
function done(
  s: Services,
  r: ContainerizeResult,
  t: BuildTarget,
  spec: ProjectSpec,
  notes: string[],
): ContainerizeResult {
  const what = r.written.length ? `wrote ${r.written.join(', ')}` : 'kept your files';
  const built = r.build?.ok ? `; built ${t.tag} in ${r.build.seconds.toFixed(0)} s` : '';
  const running = r.run ? (spec.mode === 'jupyter' ? '; Jupyter is starting' : '; running in the terminal') : '';
  const tail = notes.length ? ` ${notes.join(' ')}` : '';
  r.message = `Containerized ${path.basename(t.dir)}: ${what}${built}${running}.${tail}`;
  // The toast hides after a while; the log keeps what was said.
  s.log.info(r.message);
  const next = spec.mode === 'jupyter' && r.run ? 'Open Jupyter' : r.build?.ok ? 'Run' : 'Build';
  void (async () => {
    const url = spec.mode === 'jupyter' && r.run ? await r.run.url : undefined;
    const pick = await vscode.window.showInformationMessage(
      r.message!,
      ...(url || next !== 'Open Jupyter' ? [next] : []),
      'Open Dockerfile',
      'Show Logs',
    );
    if (pick === 'Open Jupyter' && url) await openInBrowser(url);
    if (pick === 'Run') await vscode.commands.executeCommand('dsContainers.project.run', vscode.Uri.file(t.dockerfile));
    if (pick === 'Build')
      await vscode.commands.executeCommand('dsContainers.project.build', vscode.Uri.file(t.dockerfile));
    if (pick === 'Open Dockerfile') await vscode.window.showTextDocument(vscode.Uri.file(t.dockerfile));
    if (pick === 'Show Logs') s.log.show();
  })();
  return r;
}

/**
 * The folder to containerize: the argument, else the one project of the workspace, else a pick
 * among its projects (every workspace folder's, and subfolders with their own entry, notebooks or
 * requirements: core/projects.ts decides, as for the Project view and the CLI).
 */
async function folderOf(f: ContainerizeOptions['folder']): Promise<string> {
  if (f) return typeof f === 'string' ? f : f.fsPath;
  const projects = await workspaceProjects();
  if (projects.length === 1) return projects[0];
  if (!projects.length) throw new Error('open a folder with Python code or notebooks first');
  const pick = await vscode.window.showQuickPick(
    projects.map((p) => ({ label: path.basename(p), description: vscode.workspace.asRelativePath(p, true), p })),
    { placeHolder: 'Which project to containerize?', title: 'Containerize Project' },
  );
  if (!pick) throw new UserCancelled();
  return pick.p;
}

/**
 * Shows the diff (existing ↔ proposed) and asks; never replaces a user's file silently.
 * The diff tab closes after.
 */
async function askOverwrite(file: string, proposed: string): Promise<boolean> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'dsc-proposal-'));
  const tmp = vscode.Uri.file(path.join(folder, path.basename(file)));
  try {
    fs.writeFileSync(tmp.fsPath, proposed);
    await vscode.commands.executeCommand(
      'vscode.diff',
      vscode.Uri.file(file),
      tmp,
      `${path.basename(file)}: yours ↔ proposed`,
    );
    const pick = await vscode.window.showWarningMessage(
      `${path.basename(file)} exists and differs from the proposal (see the diff). Replace it?`,
      { modal: true },
      'Replace',
      'Keep Mine',
    );
    return pick === 'Replace';
  } finally {
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === tmp.toString(),
      );
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
